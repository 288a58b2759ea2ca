"""E-mails (.eml, Thunderbird .mbox, Outlook .msg) become timeline touches."""

from __future__ import annotations

from pathlib import Path

from capture_book import touches
from exports import Mail, eml, thunderbird_mbox
from outlook_msg import write_msg

from csdesk import ingest
from csdesk.domain.month import Month
from csdesk.ingest.capture.plan import KEEP_BODIES
from csdesk.store import Workspace

ANA = "Ana Lima <ana@team.example>"
JOAO = '"Souza, João" <joao.souza@acme.example>'


def _import(ws: Workspace, path: Path) -> ingest.ImportResult:
    plan = ingest.prepare(path, ws=ws, as_of=Month.parse("2026-03"))
    assert plan.blocking is None, plan.blocking
    return ingest.commit(ws, plan)


def test_an_eml_with_an_encoded_subject_is_an_email_touch_with_its_first_words(
    book: Workspace, tmp_path: Path
) -> None:
    message = Mail(
        ANA,
        JOAO,
        "Tue, 10 Mar 2026 14:05:00 -0300",
        "=?UTF-8?Q?Renova=C3=A7=C3=A3o_do_contrato?=",
        body="Olá João,\n\n" + "Segue a proposta de renovação. " * 40,
        message_id="<CAF123@mail.team.example>",
    )
    _import(book, eml(tmp_path / "Renovação.eml", message))
    [(at, kind, role, title, person)] = touches(book, "Acme Corp")
    assert (at, kind, role, title, person) == (
        "2026-03-10 14:05:00",
        "email",
        "cs",
        "Renovação do contrato",
        "Ana Lima",
    )
    body = book.scalar("SELECT body FROM events WHERE source_key IS NOT NULL")
    assert body.startswith("Olá João,\n\nSegue a proposta") and len(body) == 500


def test_bodies_are_not_kept_when_the_setting_is_off(book: Workspace, tmp_path: Path) -> None:
    KEEP_BODIES.set(book, False)
    message = Mail(ANA, JOAO, "Tue, 10 Mar 2026 14:05:00 -0300", "Oi", message_id="<b1@x>")
    _import(book, eml(tmp_path / "a.eml", message))
    assert book.scalar("SELECT body FROM events WHERE source_key IS NOT NULL") is None


def test_an_html_only_message_keeps_its_text_not_its_tags(book: Workspace, tmp_path: Path) -> None:
    message = Mail(
        JOAO,
        ANA,
        "Wed, 11 Mar 2026 09:00:00 -0300",
        "Re: dúvida",
        body="Obrigado pelo retorno!",
        message_id="<h1@acme.example>",
        html=True,
    )
    _import(book, eml(tmp_path / "re.eml", message))
    assert book.scalar("SELECT body FROM events WHERE source_key IS NOT NULL") == (
        "Obrigado pelo retorno!"
    )


def test_a_thunderbird_mbox_with_internal_and_customer_mail(
    book: Workspace, tmp_path: Path
) -> None:
    mbox = thunderbird_mbox(
        tmp_path / "Acme.mbox",
        [
            Mail(ANA, JOAO, "Mon, 02 Mar 2026 10:00:00 -0300", "Agenda", message_id="<m1@t>"),
            Mail(
                ANA,
                "Bruno Reis <bruno@team.example>",
                "Mon, 02 Mar 2026 11:00:00 -0300",
                "Interno",
                message_id="<m2@t>",
            ),
            Mail(
                JOAO,
                ANA,
                "Tue, 03 Mar 2026 08:30:00 -0300",
                "Re: Agenda",
                body="From now on we meet on Tuesdays.",
                message_id="<m3@acme>",
            ),
            Mail(
                "News <news@vendor.example>",
                "Lia <lia@beta.example>",
                "Tue, 03 Mar 2026 09:00:00 -0300",
                "Promo",
                message_id="<m4@v>",
            ),
            Mail(ANA, JOAO, "Thu, 16 Apr 2026 10:00:00 -0300", "Futuro", message_id="<m5@t>"),
        ],
    )
    result = _import(book, mbox)
    assert (result.rows_read, result.rows_written, result.rows_skipped) == (5, 2, 3)
    assert [(t[1], t[3], t[4]) for t in touches(book, "Acme Corp")] == [
        ("email", "Agenda", "Ana Lima"),
        ("email", "Re: Agenda", "Ana Lima"),
    ]
    # ">From" quoting is undone: the body reads as written.
    assert book.scalar("SELECT body FROM events WHERE title = 'Re: Agenda'") == (
        "From now on we meet on Tuesdays."
    )


def test_the_same_message_in_two_files_is_written_once(book: Workspace, tmp_path: Path) -> None:
    message = Mail(ANA, JOAO, "Tue, 10 Mar 2026 14:05:00 -0300", "Proposta", message_id="<p@t>")
    _import(book, eml(tmp_path / "proposta.eml", message))
    other = Mail(ANA, JOAO, "Wed, 11 Mar 2026 14:05:00 -0300", "Outra", message_id="<q@t>")
    again = _import(book, thunderbird_mbox(tmp_path / "Enviados.mbox", [message, other]))
    assert (again.rows_written, again.rows_skipped) == (1, 1)
    assert [t[3] for t in touches(book, "Acme Corp")] == ["Proposta", "Outra"]


def test_a_message_without_message_id_is_recognised_by_sender_date_and_subject(
    book: Workspace, tmp_path: Path
) -> None:
    message = Mail(ANA, JOAO, "Tue, 10 Mar 2026 14:05:00 -0300", "Sem id")
    _import(book, eml(tmp_path / "a.eml", message))
    # The same message saved again by another client: other bytes, same sender, date, subject.
    resaved = Mail(ANA, JOAO, "Tue, 10 Mar 2026 17:05:00 +0000", "Sem id")
    again = _import(book, eml(tmp_path / "b.eml", resaved))
    assert (again.rows_written, again.rows_skipped) == (0, 1)


def test_an_outlook_msg_file(book: Workspace, tmp_path: Path) -> None:
    msg = write_msg(
        tmp_path / "Renovação do contrato.msg",
        sender=("Ana Lima", "ana@team.example"),
        recipients=[("Souza, João", "joao.souza@acme.example"), ("Rita", "rita@acme.example")],
        subject="Renovação do contrato — próximos passos",
        date="Tue, 10 Mar 2026 14:05:00 -0300",
        body="Olá João,\r\nsegue a proposta.",
        message_id="<abc123@team.example>",
    )
    result = _import(book, msg)
    assert result.rows_written == 1
    assert touches(book, "Acme Corp") == [
        (
            "2026-03-10 14:05:00",
            "email",
            "cs",
            "Renovação do contrato — próximos passos",
            "Ana Lima",
        )
    ]
    # Rita was not a contact: she is now, by her display name.
    assert book.scalar("SELECT name FROM contacts WHERE email = 'rita@acme.example'") == "Rita"


def _raw_mail(subject: bytes, body: bytes) -> bytes:
    """A message as old Windows mail programs write it: 8-bit text, no charset declared."""
    return (
        b"From: Ana Lima <ana@team.example>\r\n"
        b"To: Jo\xe3o <joao.souza@acme.example>\r\n"
        b"Date: Tue, 10 Mar 2026 14:05:00 -0300\r\n"
        b"Subject: " + subject + b"\r\n\r\n" + body + b"\r\n"
    )


def test_8_bit_text_with_no_charset_is_read_as_windows_1252_and_said(
    book: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "antigo.eml"
    path.write_bytes(_raw_mail(b"Renova\xe7\xe3o do contrato", b"Ol\xe1, segue a proposta."))
    plan = ingest.prepare(path, ws=book, as_of=Month.parse("2026-03"))
    assert [p.message for p in plan.warnings] == [
        "message 1: text in no declared character set (subject, recipients, body) was read "
        "as Windows-1252 (Western European)"
    ]
    ingest.commit(book, plan)
    [(_at, _kind, _role, title, _person)] = touches(book, "Acme Corp")
    assert title == "Renovação do contrato"
    assert book.scalar("SELECT body FROM events WHERE source_key IS NOT NULL") == (
        "Olá, segue a proposta."
    )


def test_8_bit_utf_8_with_no_charset_is_read_as_utf_8_without_a_warning(
    book: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "novo.eml"
    raw = _raw_mail("Renovação".encode(), "Olá".encode()).replace(b"Jo\xe3o", "João".encode())
    path.write_bytes(raw)
    plan = ingest.prepare(path, ws=book, as_of=Month.parse("2026-03"))
    assert plan.warnings == []
    ingest.commit(book, plan)
    assert [t[3] for t in touches(book, "Acme Corp")] == ["Renovação"]
