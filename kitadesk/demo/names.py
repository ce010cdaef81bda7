"""Fictitious but realistic Moers data for the demo: first and last names (German, with
Turkish, Polish and Arabic names as in the city's population), street names of Moers by
postcode and Sozialraumteam, Großtagespflege names, course titles, QiK partners.
House numbers, people and all combinations are invented."""

from kitadesk.domain.rules.carer_records import ON_FILE

# SRT → (PLZ, streets); 47441 Stadtmitte, 47447 Süd (Kapellen, Schwafheim, Holderberg),
# 47443 Ost (Meerbeck, Hochstraß, Scherpenberg, Asberg), 47445 Nord (Repelen, Utfort, Rheinkamp)
STREETS = {
    "Mitte/Süd": (
        ("47441", ("Homberger Straße", "Steinstraße", "Neustraße", "Haagstraße", "Friedrichstraße", "Kirchstraße",
                   "Klosterstraße", "Unterwallstraße", "Burgstraße", "Meerstraße", "Uerdinger Straße",
                   "Filder Straße", "Mühlenstraße", "Ostring", "Bankstraße", "Kastell", "Wilhelm-Schroeder-Straße",
                   "Hülsdonker Straße", "Krefelder Straße", "Rheinberger Straße")),
        ("47447", ("Holderberger Straße", "Kapellener Straße", "Schwafheimer Straße", "Bahnhofstraße",
                   "Neukirchener Straße", "Dorfstraße", "Vinner Straße", "Gutenbergstraße")),
    ),
    "Ost": (
        ("47443", ("Bismarckstraße", "Lindenstraße", "Römerstraße", "Zechenstraße", "Barbarastraße", "Bruchstraße",
                   "Jahnstraße", "Asberger Straße", "Hochstraße", "Scherpenberger Straße", "Josefstraße",
                   "Rheinpreußenstraße", "Bergstraße", "Moerser Straße")),
    ),
    "Nord": (
        ("47445", ("Lintforter Straße", "Repelener Straße", "Rheinkamper Straße", "Utforter Straße",
                   "Kirchfeldstraße", "Am Jungbornpark", "Eicker Straße", "Genender Straße", "Dorfstraße",
                   "Lerschmacherstraße", "Mühlenweg", "Kamper Straße")),
    ),
}
SRT_WEIGHTS = (("Mitte/Süd", 40), ("Ost", 30), ("Nord", 30))

FEMALE = {
    "de": ("Anna", "Sabine", "Claudia", "Petra", "Nicole", "Stefanie", "Katrin", "Melanie", "Sandra", "Birgit",
           "Monika", "Julia", "Christina", "Andrea", "Heike", "Tanja", "Silke", "Daniela", "Jessica", "Kerstin",
           "Nadine", "Simone", "Ute", "Karin", "Gabriele", "Martina", "Susanne", "Anja", "Yvonne", "Jennifer",
           "Lisa", "Sarah", "Vanessa", "Carina", "Miriam", "Jutta", "Dagmar", "Elke", "Ines", "Bettina"),
    "tr": ("Ayşe", "Fatma", "Elif", "Zeynep", "Emine", "Hatice", "Derya", "Özlem", "Sevgi", "Gülay", "Merve", "Esra"),
    "pl": ("Katarzyna", "Agnieszka", "Magdalena", "Joanna", "Anna", "Małgorzata", "Ewa", "Monika", "Dorota"),
    "ar": ("Fatima", "Amira", "Layla", "Rania", "Nour", "Samira", "Yasmin", "Huda", "Mariam"),
}
MALE = {
    "de": ("Thomas", "Michael", "Andreas", "Stefan", "Markus", "Christian", "Frank", "Jürgen", "Daniel", "Tobias",
           "Sebastian", "Jan", "Dirk", "Sven", "Ralf", "Oliver", "Marco", "Peter", "Matthias", "Jens"),
    "tr": ("Mehmet", "Mustafa", "Ahmet", "Ali", "Hasan", "Murat", "Emre", "Kemal", "Serkan"),
    "pl": ("Piotr", "Tomasz", "Krzysztof", "Paweł", "Marek", "Jakub"),
    "ar": ("Mohammed", "Ahmad", "Omar", "Khaled", "Youssef", "Karim", "Samir"),
}
SURNAMES = {
    "de": ("Müller", "Schmitz", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
           "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun",
           "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Janssen", "Peters", "Hermes", "van Holt",
           "Terhorst", "Hendricks", "Verhoeven", "Angenendt", "Tenhagen", "Derksen", "Kremer", "Brauers",
           "Hüsch", "Scholten", "Mertens", "Jansen", "Winkels", "Hofmann-Krüger", "ter Steegen", "Bongartz"),
    "tr": ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan", "Doğan", "Koç", "Kılıç",
           "Aksoy", "Erdem", "Yıldız"),
    "pl": ("Kowalski", "Nowak", "Wiśniewski", "Lewandowski", "Wójcik", "Kamiński", "Zieliński", "Szymański",
           "Dąbrowski", "Kaczmarek"),
    "ar": ("Al-Hassan", "Haddad", "Khalil", "Nasser", "Saleh", "Mansour", "Hamdan", "Ibrahim", "Darwish", "Aziz"),
}
ORIGIN_WEIGHTS = (("de", 72), ("tr", 14), ("pl", 7), ("ar", 7))
POLISH_FEMININE = {"ski": "ska", "cki": "cka", "dzki": "dzka"}

GIRLS = {
    "de": ("Emma", "Mia", "Hannah", "Sophia", "Lina", "Ella", "Mila", "Lea", "Clara", "Marie", "Emilia", "Frieda",
           "Ida", "Lotta", "Greta", "Lia", "Leni", "Mathilda", "Paula", "Luisa", "Johanna", "Nele", "Charlotte"),
    "tr": ("Elif", "Defne", "Zeynep", "Asel", "Eylül", "Azra", "Meryem", "Ela"),
    "pl": ("Zofia", "Zuzanna", "Julia", "Maja", "Hanna", "Lena", "Alicja"),
    "ar": ("Amira", "Lina", "Maryam", "Sara", "Jana", "Aya", "Layan", "Salma"),
}
BOYS = {
    "de": ("Noah", "Leon", "Paul", "Finn", "Ben", "Elias", "Emil", "Luca", "Felix", "Henry", "Matteo", "Theo",
           "Jonas", "Anton", "Jakob", "Oskar", "Mats", "Karl", "Leo", "Moritz", "Lukas", "Max", "Levi"),
    "tr": ("Yusuf", "Emir", "Eymen", "Mirac", "Ömer", "Kerem", "Aras", "Alparslan"),
    "pl": ("Jakub", "Antoni", "Jan", "Szymon", "Franciszek", "Filip", "Aleksander"),
    "ar": ("Adam", "Ali", "Omar", "Yusuf", "Karim", "Zayn", "Elias", "Hamza"),
}

GROUP_NAMES = ("Spatzennest", "Sonnenschein", "Kleine Strolche", "Rappelkiste", "Zwergenland", "Pusteblume",
               "Wirbelwind", "Marienkäfer", "Regenbogen", "Villa Kunterbunt", "Löwenzahn", "Kleine Füchse",
               "Schatzkiste", "Kuschelnest", "Purzelbaum", "Krümelkiste", "Glückskäfer", "Wolkenschloss",
               "Rasselbande", "Kükennest")

COURSES = ("Erste Hilfe am Kind (Auffrischung)", "Kinderschutz nach § 8a SGB VIII", "Sprachförderung im Alltag",
           "Eingewöhnung nach dem Berliner Modell", "Bewegung und Wahrnehmung bei Kleinstkindern",
           "Ernährung in der Kindertagespflege", "Partizipation von Anfang an", "Beobachten und Dokumentieren",
           "Zusammenarbeit mit Eltern", "Inklusion in der Kindertagespflege", "Musik mit den Kleinsten",
           "Natur erleben – draußen mit Kleinkindern", "Medienbildung für Kleinkinder",
           "Resilienz und Selbstfürsorge", "Hygiene und Infektionsschutz", "Kultursensible Pädagogik",
           "Konflikte unter Kleinkindern begleiten", "Sexualpädagogik und Schutzkonzept",
           "Buchhaltung und Steuern für Tagespflegepersonen", "Alltagsintegrierte Sprachbildung (BaSiK)")

DOCUMENTS = ON_FILE  # R-C2, the list the carer form offers

NOTES = ("Hund im Haushalt angemeldet (Familienhund, geimpft).", "Umzug innerhalb von Moers mitgeteilt.",
         "Erkrankung im Haushalt gemeldet, Betreuung gesichert.", "Volljähriger Sohn wieder im Haushalt gemeldet.",
         "Katze im Haushalt angemeldet.", "Renovierung der Betreuungsräume angezeigt.")

UNDER_1_REASONS = ("Berufstätigkeit der Eltern", "Ausbildung/Studium der Eltern", "Arbeitssuche der Eltern",
                   "Förderung der Entwicklung")
OVER_3_REASONS = ("Kein Kita-Platz zum Kita-Jahr verfügbar", "Übergang in die Kita zum Halbjahr vereinbart",
                  "Besonderer Förderbedarf – Wechsel später")

QIK_PARTNERS = (
    ("Hermann-Gmeiner-Berufskolleg Moers", "Berufskolleg"),
    ("Jobcenter Kreis Wesel", "Jobcenter"),
    ("Agentur für Arbeit Wesel", "Agentur für Arbeit"),
    ("VHS Moers – Kamp-Lintfort", "Weiterbildung"),
    ("Ev. Kita-Verbund Moers (Beispiel)", "Träger"),
    ("Kath. Kita gGmbH Niederrhein (Beispiel)", "Träger"),
    ("Städtische Kitas Moers", "Träger"),
    ("Kita Regenbogen (Beispiel)", "Kita"),
    ("Kita Sonnenblume (Beispiel)", "Kita"),
    ("Familienzentrum Meerbeck (Beispiel)", "Kita"),
    ("Familienzentrum Repelen (Beispiel)", "Kita"),
)
QIK_TOPICS = ("Abstimmung Klassenbildung mit dem Berufskolleg", "Infoveranstaltung Quereinstieg im Jobcenter",
              "Trägerrunde QiK", "Praxisanleitung: Austausch der Kitas", "Förderung Bildungsgutschein – Abstimmung",
              "Sprechstunde für Interessierte", "Bericht an das Ministerium vorbereitet",
              "Netzwerktreffen Kinderbetreuung Kreis Wesel")

BANKS = (("35450000", "Sparkasse am Niederrhein"), ("35461106", "Volksbank Niederrhein"),
         ("37040044", "Commerzbank"), ("35060190", "Bank für Kirche und Diakonie"), ("50010517", "ING"))
