"""Who meets: municipalities, parties, political bodies, terms, people and their seats."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dagsorden.lib.validators import validate_regex


class Municipality(models.Model):
    name = models.CharField(_("navn"), max_length=100, unique=True)
    code = models.CharField(
        _("kommunekode"),
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^\d{3}$", _("Kommunekoden er tre cifre, fx 101."))],
        help_text=_("Den officielle tre-cifrede kommunekode, fx 101 for København."),
    )
    region = models.CharField(_("region"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name


class Party(models.Model):
    letter = models.CharField(
        _("listebogstav"),
        max_length=3,
        blank=True,
        help_text=_("Partibogstav; tomt for lokallister uden bogstav."),
    )
    name = models.CharField(_("navn"), max_length=100, unique=True)

    class Meta:
        ordering = ["letter", "name"]
        verbose_name = _("parti")
        verbose_name_plural = _("partier")

    def __str__(self) -> str:
        return f"{self.name} ({self.letter})" if self.letter else self.name


class Body(models.Model):
    class Kind(models.TextChoices):
        KKR = "kkr", _("KKR")
        COMMITTEE = "committee", _("Udvalg")
        MUNICIPAL_COUNCIL = "municipal_council", _("Kommunalbestyrelse")
        REGIONAL_COUNCIL = "regional_council", _("Regionsråd")
        BOARD = "board", _("Bestyrelse")
        OTHER = "other", _("Andet")

    name = models.CharField(_("navn"), max_length=200, unique=True)
    slug = models.SlugField(_("kortnavn i adresser"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="bodies", verbose_name=_("kommuner")
    )
    # What the public sees instead of a closed item's title; some bodies publish the
    # real titles of closed items, most print a neutral one.
    closed_item_title = models.CharField(
        _("titel på lukkede punkter"), max_length=200, default="Lukket punkt"
    )
    show_closed_titles = models.BooleanField(
        _("vis lukkede punkters rigtige titel offentligt"), default=False
    )
    case_number_pattern = models.CharField(
        _("sagsnummerformat"),
        max_length=200,
        blank=True,
        validators=[validate_regex],
        help_text=_(r"Regulært udtryk for organets sagsnumre, fx SAG-\d{4}-\d{5}. Tomt: standard."),
    )
    secretaries = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="secretariat_of",
        verbose_name=_("sekretariat"),
        help_text=_("Brugere, der bygger dagsordener og referater for organet."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("politisk organ")
        verbose_name_plural = _("politiske organer")

    def __str__(self) -> str:
        return self.name


class LegislativeTerm(models.Model):
    name = models.CharField(_("navn"), max_length=50, unique=True, help_text=_("Fx 2022–2026."))
    start = models.DateField(_("begynder"))
    end = models.DateField(_("slutter"))

    class Meta:
        ordering = ["-start"]
        verbose_name = _("valgperiode")
        verbose_name_plural = _("valgperioder")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="legislativeterm_end_after_start",
                violation_error_message=_("En valgperiode skal slutte efter den begynder."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    # A member logs in as this user and so sees what their memberships allow.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("bruger"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def current_on(self, on):
        """Memberships in force on the day ``on``; open start or end dates count as open."""
        return self.filter(
            (Q(start_date__isnull=True) | Q(start_date__lte=on))
            & (Q(end_date__isnull=True) | Q(end_date__gte=on))
        )


class Membership(models.Model):
    class Role(models.TextChoices):
        FORMAND = "formand", _("Formand")
        NAESTFORMAND = "naestformand", _("Næstformand")
        MEDLEM = "medlem", _("Medlem")

    class Basis(models.TextChoices):
        BORN = "born", _("Født medlem (borgmester)")
        SUPPLEMENTARY = "supplementary", _("Supplerende medlem")
        APPOINTED = "appointed", _("Udpeget")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organ")
    )
    # PROTECT on reference data: deleting a term, party or municipality must not
    # silently rewrite who sat where.
    term = models.ForeignKey(
        LegislativeTerm,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("valgperiode"),
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, default=Role.MEDLEM)
    basis = models.CharField(_("grundlag"), max_length=20, choices=Basis.choices)
    substitute = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="substitute_for",
        verbose_name=_("personlig stedfortræder"),
    )
    party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("parti"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("kommune"),
    )
    start_date = models.DateField(_("fra"), null=True, blank=True)
    end_date = models.DateField(_("til"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["body__name", "person__name"]
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="membership_end_not_before_start",
                violation_error_message=_("Et medlemskab kan ikke slutte før det begynder."),
            ),
            models.CheckConstraint(
                condition=Q(substitute__isnull=True) | ~Q(substitute=F("person")),
                name="membership_substitute_not_self",
                violation_error_message=_("Et medlem kan ikke være sin egen stedfortræder."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}, {self.body}"
