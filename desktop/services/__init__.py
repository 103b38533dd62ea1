"""Long-lived coordinators with plain observers, no Qt: the UI adapts them to signals."""
