"""The prompt library: saved prompts, personas, the `/` picker."""
