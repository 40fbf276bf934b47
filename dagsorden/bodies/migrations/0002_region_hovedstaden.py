"""The 29 municipalities of Region Hovedstaden and the national parties.

The data is copied into this file on purpose: a migration must give the same result
in five years as today, whatever happens to the rest of the code.
"""

from django.db import migrations

REGION = "Region Hovedstaden"

# Official kommunekoder (Danmarks Statistik / CPR).
MUNICIPALITIES = [
    ("101", "København"),
    ("147", "Frederiksberg"),
    ("151", "Ballerup"),
    ("153", "Brøndby"),
    ("155", "Dragør"),
    ("157", "Gentofte"),
    ("159", "Gladsaxe"),
    ("161", "Glostrup"),
    ("163", "Herlev"),
    ("165", "Albertslund"),
    ("167", "Hvidovre"),
    ("169", "Høje-Taastrup"),
    ("173", "Lyngby-Taarbæk"),
    ("175", "Rødovre"),
    ("183", "Ishøj"),
    ("185", "Tårnby"),
    ("187", "Vallensbæk"),
    ("190", "Furesø"),
    ("201", "Allerød"),
    ("210", "Fredensborg"),
    ("217", "Helsingør"),
    ("219", "Hillerød"),
    ("223", "Hørsholm"),
    ("230", "Rudersdal"),
    ("240", "Egedal"),
    ("250", "Frederikssund"),
    ("260", "Halsnæs"),
    ("270", "Gribskov"),
    ("400", "Bornholm"),
]

PARTIES = [
    ("A", "Socialdemokratiet"),
    ("B", "Radikale Venstre"),
    ("C", "Det Konservative Folkeparti"),
    ("D", "Nye Borgerlige"),
    ("F", "SF – Socialistisk Folkeparti"),
    ("I", "Liberal Alliance"),
    ("K", "Kristendemokraterne"),
    ("O", "Dansk Folkeparti"),
    ("V", "Venstre"),
    ("Ø", "Enhedslisten"),
    ("Å", "Alternativet"),
]


def create(apps, schema_editor):
    Municipality = apps.get_model("bodies", "Municipality")
    Party = apps.get_model("bodies", "Party")
    for code, name in MUNICIPALITIES:
        Municipality.objects.update_or_create(code=code, defaults={"name": name, "region": REGION})
    for letter, name in PARTIES:
        Party.objects.update_or_create(name=name, defaults={"letter": letter})


def remove(apps, schema_editor):
    Municipality = apps.get_model("bodies", "Municipality")
    Party = apps.get_model("bodies", "Party")
    Municipality.objects.filter(code__in=[code for code, _name in MUNICIPALITIES]).delete()
    Party.objects.filter(name__in=[name for _letter, name in PARTIES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bodies", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create, remove),
    ]
