"""Every Doc extension and user_data key the stages use is declared once (sitroom.stages)."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc

from sitroom import stages


def test_every_declared_extension_is_registered_on_doc():
    for name in stages.EXTENSIONS:
        assert Doc.has_extension(name)


def test_user_data_keys_are_distinct_and_sitroom_s_own():
    assert len(set(stages.USER_DATA_KEYS)) == len(stages.USER_DATA_KEYS)
    assert all(key.startswith("sitroom.") for key in stages.USER_DATA_KEYS)


def test_text_of_builds_the_text_once_and_keeps_it_on_the_doc():
    doc = English().make_doc("Talks resumed in Riyadh.")
    assert stages.text_of(doc) == doc.text
    doc.user_data[stages.TEXT_KEY] = "kept"
    assert stages.text_of(doc) == "kept"
