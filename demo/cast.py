"""The Harbor demo program's cast: its people, their intakes and who is paired with whom."""

from accounts.models import Program, Role

DEMO_PASSWORD = "peerpath-demo"
DEMO_PROGRAM = {
    "slug": "harbor",
    "name": "Harbor Peer Mentoring",
    "kind": Program.Kind.RECOVERY,
    "time_zone": "America/New_York",
    "description": (
        "One-to-one peer mentoring for people in recovery, with mentors in long-term "
        "recovery. Weekly meetings, small goals, and support with work and study."
    ),
}
# (email, display name, pronouns, time zone, role)
DEMO_PEOPLE = [
    ("coordinator@example.org", "Dana Whitfield", "she/her", "America/New_York", Role.COORDINATOR),
    ("mentor1@example.org", "Marcus Hill", "he/him", "America/New_York", Role.MENTOR),
    ("mentor2@example.org", "Teresa Alvarez", "she/her", "America/Chicago", Role.MENTOR),
    ("mentor3@example.org", "Sam Okafor", "they/them", "America/New_York", Role.MENTOR),
    ("mentee1@example.org", "Jordan", "he/him", "America/New_York", Role.MENTEE),
    ("mentee2@example.org", "Alex R.", "they/them", "America/New_York", Role.MENTEE),
    ("mentee3@example.org", "Priya", "she/her", "America/Chicago", Role.MENTEE),
    ("mentee4@example.org", "Chris M.", "", "America/New_York", Role.MENTEE),
    ("mentee5@example.org", "Maya", "she/her", "America/Denver", Role.MENTEE),
    ("mentee6@example.org", "Luis", "he/him", "America/Los_Angeles", Role.MENTEE),
]
EVENINGS = ["mon-evening", "tue-evening", "wed-evening", "thu-evening"]
WEEKENDS = ["sat-morning", "sat-afternoon", "sun-morning", "sun-afternoon"]
DEMO_INTAKES = {
    "mentor1@example.org": dict(
        focus_areas=["substance_recovery", "career", "community"],
        pathways=["twelve_step", "smart"],
        languages=["en"],
        availability=EVENINGS + ["sat-morning"],
        formats=["in_person", "phone"],
        region="Boston",
        gender="man",
        interests=["basketball", "cooking", "woodworking"],
        bio="Twelve years in recovery. Carpenter, dad, and a believer in small daily steps.",
        lived_experience=["substance_recovery", "housing", "career"],
        years_in_recovery=12,
        professional_background="Carpenter and site supervisor; helps with job searches.",
        industries=["construction", "manufacturing"],
        capacity=3,
    ),
    "mentor2@example.org": dict(
        focus_areas=["mental_wellbeing", "relationships", "wellness"],
        pathways=["smart", "medication"],
        languages=["en", "es"],
        availability=["mon-morning", "wed-morning", "fri-morning"] + EVENINGS[:2],
        formats=["video", "phone"],
        region="Chicago",
        gender="woman",
        interests=["gardening", "yoga", "music"],
        bio="Nurse, mom of two, in recovery since 2015. Habla español.",
        lived_experience=["substance_recovery", "mental_wellbeing", "relationships"],
        years_in_recovery=10,
        professional_background="Registered nurse.",
        industries=["healthcare"],
        capacity=2,
    ),
    "mentor3@example.org": dict(
        focus_areas=["education", "career", "community"],
        pathways=["secular_other", "harm_reduction"],
        languages=["en"],
        availability=WEEKENDS + ["thu-evening"],
        formats=["video", "in_person"],
        region="Boston",
        gender="nonbinary",
        interests=["music", "reading", "cycling"],
        bio="Went back to school at 30. Now I help others find their way into study and work.",
        lived_experience=["substance_recovery", "education"],
        years_in_recovery=6,
        professional_background="Community college advisor.",
        industries=["education", "social_services"],
        capacity=2,
    ),
    "mentee1@example.org": dict(
        focus_areas=["substance_recovery", "career"],
        pathways=["twelve_step"],
        languages=["en"],
        availability=EVENINGS,
        formats=["in_person", "phone"],
        region="Boston",
        gender="man",
        interests=["basketball", "cooking"],
    ),
    "mentee2@example.org": dict(
        focus_areas=["community", "housing", "substance_recovery"],
        pathways=["smart"],
        languages=["en"],
        availability=EVENINGS[1:] + ["sat-morning"],
        formats=["phone"],
        region="Boston",
        gender="nonbinary",
        interests=["woodworking"],
    ),
    "mentee3@example.org": dict(
        focus_areas=["mental_wellbeing", "relationships"],
        pathways=["medication"],
        languages=["en", "es"],
        availability=["mon-morning", "wed-morning"],
        formats=["video"],
        region="Chicago",
        gender="woman",
        gender_preference="woman",
        interests=["yoga"],
    ),
    "mentee4@example.org": dict(
        focus_areas=["education", "career"],
        pathways=["prefer_not"],
        languages=["en"],
        availability=WEEKENDS,
        formats=["video"],
        region="Boston",
        gender="man",
        interests=["music", "cycling"],
    ),
    "mentee5@example.org": dict(
        focus_areas=["wellness", "mental_wellbeing", "community"],
        pathways=["smart"],
        languages=["en", "es"],
        availability=["mon-morning", "fri-morning"],
        formats=["video", "phone"],
        region="Denver",
        gender="woman",
        interests=["gardening"],
    ),
    "mentee6@example.org": dict(
        focus_areas=["career", "substance_recovery"],
        pathways=["twelve_step"],
        languages=["es", "en"],
        availability=EVENINGS,
        formats=["phone", "video"],
        region="Los Angeles",
        gender="man",
        interests=["cooking", "soccer"],
    ),
}
# mentee -> mentor: active pairings; then one pending proposal.
DEMO_ACTIVE = [
    ("mentee1@example.org", "mentor1@example.org"),
    ("mentee2@example.org", "mentor1@example.org"),
    ("mentee3@example.org", "mentor2@example.org"),
]
DEMO_PROPOSED = [("mentee4@example.org", "mentor3@example.org")]
