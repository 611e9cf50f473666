"""Rich text: sanitised with nh3 on save and again when shown through |rich."""

from django.template import Context, Template

from tremplin.catalogue import richtext
from tremplin.core.translated import TranslatedText


def test_only_the_allow_list_survives():
    dirty = (
        '<p onclick="steal()">Hello <strong>world</strong> <em>!</em></p>'
        "<script>alert(1)</script><img src=x onerror=alert(1)>"
        '<iframe src="https://evil.example"></iframe><h1>Big</h1>'
        "<ul><li>one</li></ul><ol><li>two</li></ol>line<br>break"
        '<span style="color:red">styled</span>'
    )
    clean = richtext.clean(dirty)
    assert "<script" not in clean and "alert(1)" not in clean
    assert "onclick" not in clean and "onerror" not in clean
    assert "<img" not in clean and "<iframe" not in clean and "<h1>" not in clean
    assert "style=" not in clean and "<span" not in clean
    for kept in ("<p>", "<strong>world</strong>", "<em>", "<ul><li>one</li></ul>", "<br>"):
        assert kept in clean
    assert "Big" in clean and "styled" in clean  # the text of removed tags stays


def test_links_are_http_or_https_only_and_marked():
    clean = richtext.clean(
        '<a href="javascript:alert(1)">a</a> <a href="data:text/html,x">b</a> '
        '<a href="/relative">c</a> <a href="ftp://x.org">d</a> '
        '<a href="https://example.org/page" target="_blank" title="t">e</a>'
    )
    assert "javascript" not in clean and "data:" not in clean
    assert "/relative" not in clean and "ftp://" not in clean
    assert 'href="https://example.org/page"' in clean
    assert 'rel="nofollow noopener noreferrer ugc"' in clean
    assert "target=" not in clean and "title=" not in clean


def test_editing_round_trip_is_stable():
    typed = 'Coûts < 10 000 € & bénévoles "motivés"\n\nSecond paragraph'
    stored = richtext.clean(typed)
    assert "&lt;" in stored and "&amp;" in stored
    shown_for_editing = richtext.for_editing(stored)
    assert shown_for_editing == typed
    assert richtext.clean(shown_for_editing) == stored


def render(template, **context):
    return Template("{% load catalogue_text %}" + template).render(Context(context))


def test_rich_filter_resanitises_and_turns_line_breaks_into_paragraphs():
    html = render("{{ text|rich }}", text="First line\nsame paragraph\n\nSecond <script>x</script>")
    assert "<p>First line<br>same paragraph</p>" in html
    assert "<p>Second" in html and "<script" not in html


def test_rich_filter_cleans_what_was_stored_unsanitised():
    # A value written to the database by another path is cleaned when shown anyway.
    html = render("{{ text|rich }}", text='<p>ok</p><a href="javascript:x()">link</a><b>x</b>')
    assert "javascript" not in html and "<b>" not in html and "<p>ok</p>" in html


def test_rich_filter_shows_the_readers_language_or_a_marked_fallback():
    text = TranslatedText({"es": "<p>Hola</p>", "fr": "<p>Bonjour</p>"})
    assert 'lang="fr"' in render("{{ text|rich }}", text=text)
    only_spanish = TranslatedText({"es": "<p>Hola</p>"})
    html = render("{{ text|rich }}", text=only_spanish)
    assert 'lang="es"' in html and "fallback-note" in html
    assert render("{{ text|rich }}", text=TranslatedText()) == ""
