# French style: "16 octobre 2017", "9 h 00".
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
TIME_FORMAT = "G \\h i"
DATETIME_FORMAT = "j F Y, G \\h i"
SHORT_DATETIME_FORMAT = "j M Y, G \\h i"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1
