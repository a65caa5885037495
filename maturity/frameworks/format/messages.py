"""The words of a framework file's problems, in the language of the request (gettext).

Pieces such as "a number" or "element" are lazy, so that they read in the language in force when
a message is put together from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from yaml.nodes import MappingNode, Node, SequenceNode

from maturity.frameworks.format.problems import where

TAG_STR: Final = "tag:yaml.org,2002:str"
TAG_INT: Final = "tag:yaml.org,2002:int"
TAG_FLOAT: Final = "tag:yaml.org,2002:float"
TAG_BOOL: Final = "tag:yaml.org,2002:bool"
TAG_NULL: Final = "tag:yaml.org,2002:null"

Text = str | Promise


@dataclass(frozen=True)
class Noun:
    """A part of the tree, for messages about one of them or a list of them."""

    one: Text
    many: Text


ELEMENT: Final = Noun(
    pgettext_lazy("framework file", "elemen"), pgettext_lazy("framework file, many", "elemen")
)
THEME: Final = Noun(
    pgettext_lazy("framework file", "tema"), pgettext_lazy("framework file, many", "tema")
)
INDICATOR: Final = Noun(
    pgettext_lazy("framework file", "indikator"),
    pgettext_lazy("framework file, many", "indikator"),
)

LENS: Final = Noun(
    pgettext_lazy("framework file", "lensa"), pgettext_lazy("framework file, many", "lensa")
)
GROUP: Final = Noun(
    pgettext_lazy("framework file", "kelompok"),
    pgettext_lazy("framework file, many", "kelompok"),
)

# What a value must be ("must be <what>").
A_MAPPING: Final = pgettext_lazy("framework file", "pemetaan")
A_NUMBER: Final = pgettext_lazy("framework file", "angka")
A_TEXT: Final = pgettext_lazy("framework file", "teks yang tidak kosong")
A_BILINGUAL_MAPPING: Final = gettext_lazy("pemetaan teks id (Bahasa Indonesia) dan en (Inggris)")
A_FLAG: Final = gettext_lazy("true atau false")
A_LEVEL: Final = gettext_lazy("bilangan bulat dari 0 sampai 5")
A_CODE: Final = pgettext_lazy("framework file", "kode")
A_SLUG: Final = pgettext_lazy("framework file", "slug")
A_VERSION: Final = gettext_lazy("teks yang tidak kosong dalam tanda kutip")
A_POSITIVE_NUMBER: Final = gettext_lazy("angka positif")
A_CLAUSE: Final = gettext_lazy('nomor klausul dalam tanda kutip, misalnya "5.1"')
A_UNIT: Final = gettext_lazy("satuan yang tidak kosong")
A_DIRECTION: Final = gettext_lazy("higher atau lower")
FOUR_ASCENDING: Final = gettext_lazy("empat angka menaik")
FOUR_BANDS: Final = gettext_lazy("empat angka menaik dalam rentang 0–5")


def must_be(what: Text, got: Text) -> str:
    """ "must be <what>; got <got>" (``got`` as is when it is a bare value, such as a number)."""
    return _("harus berupa %(what)s; tertulis %(got)s") % {"what": what, "got": got}


def mapping_with_keys(keys: str) -> str:
    return _("pemetaan dengan kunci %(keys)s") % {"keys": keys}


def list_of(noun: Noun) -> str:
    return _("daftar %(things)s") % {"things": noun.many}


def one_of(choices: str) -> str:
    return _("salah satu dari %(choices)s") % {"choices": choices}


def count_of_numbers(count: int) -> str:
    return _("%(count)s angka") % {"count": count}


def put_in_quotes(got: Text) -> str:
    return _("%(got)s (tulis dalam tanda kutip)") % {"got": got}


def an_empty_text() -> str:
    return _("teks kosong")


def too_long(limit: int) -> str:
    return _("paling panjang %(limit)s karakter") % {"limit": limit}


def quoted_not_number(value: str) -> str:
    """For a version or clause YAML would read as a number (2026.10 as 2026.1)."""
    return _('harus berupa teks dalam tanda kutip, misalnya "%(value)s", bukan angka %(value)s') % {
        "value": value
    }


def describe(node: Node) -> str:
    """How a value reads to a person, for messages such as "got a string"."""
    if isinstance(node, MappingNode):
        return str(A_MAPPING)
    if isinstance(node, SequenceNode):
        return _("daftar")
    value = node.value
    if node.tag == TAG_STR:
        return _("teks %(value)s") % {"value": repr(value)}
    if node.tag in (TAG_INT, TAG_FLOAT):
        return _("angka %(value)s") % {"value": value}
    if node.tag == TAG_BOOL:
        return _("%(value)s (nilai ya/tidak)") % {"value": value}
    if node.tag == TAG_NULL:
        return _("tidak ada nilai")
    return _("nilai bertanda %(tag)s") % {"tag": node.tag}


def duplicate_code(noun: Noun, code: str, first_path: str, first_line: int | None) -> str:
    return _("kode %(what)s %(code)s ganda; pertama kali di %(first)s") % {
        "what": noun.one,
        "code": repr(code),
        "first": where(first_path, first_line),
    }
