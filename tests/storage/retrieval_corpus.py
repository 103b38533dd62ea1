"""A labelled retrieval set: five documents of eight sections, and questions whose answer
section is known. Questions are worded differently from the passages on purpose."""

from __future__ import annotations

DOCUMENTS: dict[str, dict[str, str]] = {
    "kettle-manual.md": {
        "Filling": "Open the lid by pressing the button on the handle. Pour cold water up to "
        "the MAX line; never fill above it or boiling water may spurt out of the spout.",
        "Descaling": "Limescale builds up in hard-water areas. Every month, boil a mixture of "
        "half water and half white vinegar, leave it overnight, then rinse twice.",
        "Warranty": "The kettle is guaranteed for two years from the date of purchase. Keep "
        "the receipt; the guarantee does not cover damage from dropping the appliance.",
        "Safety": "Do not immerse the base in water. Keep the cord away from the edge of the "
        "counter so children cannot pull the kettle down.",
        "Temperature": "The dial sets the water to 70, 80, 90 or 100 degrees Celsius. Green "
        "tea tastes best at 80 degrees; black tea wants fully boiling water.",
        "Keep warm": "After boiling, hold the plus button for three seconds and the kettle "
        "keeps the water hot for thirty minutes before switching itself off.",
        "Cleaning": "Wipe the outside with a damp cloth. The mesh filter in the spout slides "
        "out and can be rinsed under the tap or washed in the dishwasher.",
        "Troubleshooting": "If the light blinks red, the kettle was switched on empty. Let it "
        "cool for ten minutes; the dry-boil protection then resets itself.",
    },
    "sourdough-notes.md": {
        "Starter": "Feed the starter with equal weights of flour and water every day. It is "
        "ready when it doubles within six hours and smells pleasantly sour.",
        "Autolyse": "Mix only the flour and water and let them rest for an hour before adding "
        "salt and starter; the gluten begins to develop on its own.",
        "Folding": "Instead of kneading, do four sets of stretch and folds thirty minutes "
        "apart during the first two hours of bulk fermentation.",
        "Shaping": "Pre-shape the dough into a loose round, rest twenty minutes, then shape "
        "tightly and place it seam side up in a floured banneton.",
        "Cold proof": "Leave the shaped loaf in the refrigerator overnight, twelve to sixteen "
        "hours. The cold slows the yeast and deepens the flavour.",
        "Baking": "Bake in a preheated Dutch oven at 250 °C for twenty minutes with the lid on, "
        "then remove the lid and bake another twenty-five minutes until deep brown.",
        "Scoring": "Slash the top with a razor blade at a shallow angle just before baking so "
        "the loaf opens into an ear instead of bursting at the side.",
        "Storage": "Keep the bread cut side down on a wooden board. Slice and freeze what you "
        "will not eat within three days.",
    },
    "lisbon-guide.md": {
        "Trams": "Tram 28 climbs through Alfama and Graça past the cathedral. Board early in "
        "the morning to avoid the queues of tourists at Martim Moniz.",
        "Pastries": "The custard tarts of Belém have been baked to a secret recipe since 1837. "
        "Eat them warm with cinnamon and powdered sugar.",
        "Viewpoints": "Miradouro da Senhora do Monte is the highest lookout and the best place "
        "to watch the sunset over the castle and the river.",
        "Fado": "Fado is sung in small taverns of Alfama and Mouraria after nine in the "
        "evening; listeners stay silent while the singer performs.",
        "Day trips": "Sintra is forty minutes away by train from Rossio station. Its painted "
        "Pena Palace sits on a hill above the town.",
        "Money": "Most shops accept cards, but small cafés may ask for cash for amounts under "
        "five euros. Tipping is modest, rounding up the bill is enough.",
        "Beaches": "The train from Cais do Sodré follows the coast to Cascais, with sandy "
        "beaches at Carcavelos that are popular with surfers.",
        "Safety": "Pickpockets work the crowded trams and the Baixa streets. Keep your phone "
        "in a front pocket and your bag closed.",
    },
    "leave-policy.md": {
        "Annual leave": "Full-time employees receive twenty-five days of paid holiday per "
        "calendar year, plus public holidays. Part-time staff receive a pro-rata amount.",
        "Carry over": "Up to five unused holiday days may be carried into the next year; they "
        "must be taken before the end of March or they are lost.",
        "Sick leave": "Call your manager before ten in the morning on the first day of "
        "illness. From the fourth day a doctor's certificate is required.",
        "Parental leave": "Parents may take up to sixteen weeks of paid leave after the birth "
        "or adoption of a child, which can be split into two blocks.",
        "Requests": "Submit holiday requests in the HR portal at least two weeks in advance. "
        "Your manager approves or declines them within five working days.",
        "Remote work": "Staff may work from home up to three days a week after their probation "
        "period, with their manager's agreement.",
        "Bereavement": "After the death of a close relative you are entitled to five days of "
        "paid compassionate leave.",
        "Unpaid leave": "Unpaid leave of up to three months may be granted for study or travel "
        "after two years of service.",
    },
    "astronomy-notes.md": {
        "Moon phases": "The Moon's phases come from how much of its sunlit half faces Earth. "
        "A full cycle from new moon to new moon takes about twenty-nine and a half days.",
        "Eclipses": "A solar eclipse happens when the Moon passes between the Sun and Earth "
        "and casts its shadow on us; it can only occur at new moon.",
        "Jupiter": "Jupiter is the largest planet, more than eleven times wider than Earth. "
        "Its Great Red Spot is a storm that has raged for centuries.",
        "Light years": "A light year is the distance light travels in one year, about 9.46 "
        "trillion kilometres; it measures distance, not time.",
        "Black holes": "A black hole forms when a massive star collapses; its gravity is so "
        "strong that not even light can escape beyond the event horizon.",
        "Seasons": "Seasons are caused by the tilt of Earth's axis, 23.4 degrees, not by the "
        "distance from the Sun, which barely changes through the year.",
        "Meteors": "Shooting stars are grains of dust burning up in the atmosphere. The "
        "Perseid shower peaks every August with up to a hundred per hour.",
        "Telescopes": "A telescope's aperture, the diameter of its main lens or mirror, "
        "decides how much light it gathers and how faint the objects it shows.",
    },
}

QUESTIONS: list[tuple[str, str, str]] = [
    ("How long is the guarantee on the kettle?", "kettle-manual.md", "Warranty"),
    ("How do I get rid of limescale in the kettle?", "kettle-manual.md", "Descaling"),
    ("What temperature should I use for green tea?", "kettle-manual.md", "Temperature"),
    ("Why is the red light flashing?", "kettle-manual.md", "Troubleshooting"),
    ("Can the spout filter go in the dishwasher?", "kettle-manual.md", "Cleaning"),
    ("How much water can I put in?", "kettle-manual.md", "Filling"),
    ("When is my sourdough starter ready to use?", "sourdough-notes.md", "Starter"),
    ("Should I knead the dough?", "sourdough-notes.md", "Folding"),
    ("How long does the loaf stay in the fridge?", "sourdough-notes.md", "Cold proof"),
    ("What oven temperature and time for the bread?", "sourdough-notes.md", "Baking"),
    ("How do I cut the top of the loaf?", "sourdough-notes.md", "Scoring"),
    ("How should I keep bread fresh?", "sourdough-notes.md", "Storage"),
    ("Which tram goes through the old quarter?", "lisbon-guide.md", "Trams"),
    ("Where can I see the sunset?", "lisbon-guide.md", "Viewpoints"),
    ("How do I get to Sintra?", "lisbon-guide.md", "Day trips"),
    ("Where can I listen to traditional music?", "lisbon-guide.md", "Fado"),
    ("Do I need cash in Lisbon?", "lisbon-guide.md", "Money"),
    ("Where can I go surfing near the city?", "lisbon-guide.md", "Beaches"),
    ("How many vacation days do I get each year?", "leave-policy.md", "Annual leave"),
    ("Can I keep unused holidays for next year?", "leave-policy.md", "Carry over"),
    ("What do I do if I am ill?", "leave-policy.md", "Sick leave"),
    ("How much time off after having a baby?", "leave-policy.md", "Parental leave"),
    ("How many days can I work from home?", "leave-policy.md", "Remote work"),
    ("How early must I ask for holidays?", "leave-policy.md", "Requests"),
    ("Why does the moon change shape?", "astronomy-notes.md", "Moon phases"),
    ("What causes summer and winter?", "astronomy-notes.md", "Seasons"),
    ("What is a shooting star?", "astronomy-notes.md", "Meteors"),
    ("Is a light year a unit of time?", "astronomy-notes.md", "Light years"),
    ("What is the biggest planet?", "astronomy-notes.md", "Jupiter"),
    ("Why can nothing escape from a black hole?", "astronomy-notes.md", "Black holes"),
]


def markdown(name: str) -> str:
    title = name.removesuffix(".md").replace("-", " ").title()
    sections = "".join(f"## {heading}\n\n{body}\n\n" for heading, body in DOCUMENTS[name].items())
    return f"# {title}\n\n{sections}"
