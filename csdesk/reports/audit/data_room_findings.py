"""The cross-file checks of :mod:`csdesk.reports.audit.data_room` worded as audit findings.

Each finding names the files and a few accounts, so the client can find the rows in their own
exports; counts and amounts are in the audit's language.
"""

from __future__ import annotations

from datetime import date

from csdesk.i18n.lang import Lang
from csdesk.reports.audit.content import Finding
from csdesk.reports.audit.data_room import DataRoomQuality, Example, Gap


def findings(q: DataRoomQuality, lang: Lang, currency: str) -> list[Finding]:
    """The findings ``q`` supports, most serious first; none when every check came back
    clean."""
    out: list[Finding] = []
    _ = lang
    if q.duplicates:
        out.append(_duplicates(q, _))
    if q.revenue_unknown:
        out.append(_revenue_unknown(q, _, currency))
    if q.missing_from_register or q.without_revenue:
        out.append(_missing(q, _))
    if q.currencies:
        out.append(_currencies(q, _))
    if q.out_of_period:
        out.append(_out_of_period(q, _))
    if q.paid_after_end:
        out.append(_paid_after_end(q, _))
    return out


def _paid_after_end(q: DataRoomQuality, _: Lang) -> Finding:
    parts = [
        _.ngettext(
            "{count} account has revenue in {file} after its contracts in {contracts} ended: "
            "{examples}",
            "{count} accounts have revenue in {file} after their contracts in {contracts} "
            "ended, e.g. {examples}",
            gap.count,
        ).format(
            count=_.number(gap.count),
            file=gap.file,
            contracts=gap.contracts,
            examples=", ".join(
                _("{account} (ended {date}, paying in {month})").format(
                    account=e.account,
                    date=_.day(date.fromisoformat(e.detail)),
                    month=_.month(paying),
                )
                for e, paying in zip(gap.examples, gap.paying, strict=True)
            ),
        )
        for gap in q.paid_after_end
    ]
    return Finding(
        "medium",
        _("Revenue after the contracts ended"),
        "; ".join(parts) + ".",
        _(
            "One export says the customer left, the other that it still pays: MRR, churn and "
            "NRR follow the revenue, which may be a snapshot nobody updated when the customer "
            "cancelled."
        ),
        _(
            "Check these accounts at the source: if they left, remove their MRR from the file "
            "that still shows it; if they stayed, give them their current contract. Then "
            "import the file again."
        ),
    )


def _names(examples: tuple[Example, ...]) -> str:
    return ", ".join(e.account for e in examples)


def _revenue_unknown(q: DataRoomQuality, _: Lang, currency: str) -> Finding:
    parts = [
        _.ngettext(
            "{count} account has revenue in {file} but is not in {register} ({amount} of MRR "
            "in its last month): {examples}",
            "{count} accounts have revenue in {file} but are not in {register} ({amount} of "
            "MRR in their last month), e.g. {examples}",
            gap.count,
        ).format(
            count=_.number(gap.count),
            file=gap.present,
            register=gap.absent,
            amount=_.money(gap.amount, currency, cents=False),
            examples=_names(gap.examples),
        )
        for gap in q.revenue_unknown
    ]
    return Finding(
        "high",
        _("Revenue for accounts missing from the accounts register"),
        "; ".join(parts) + ".",
        _(
            "Their revenue counts in MRR, NRR and churn, but their segment, CSM and renewal "
            "date are unknown: they fall out of every cut and of the renewal forecast."
        ),
        _(
            "Add them to the accounts register at the source, or fix the name or code that did "
            "not match, and import the register again."
        ),
    )


def _gap_text(gap: Gap, _: Lang) -> str:
    return _.ngettext(
        "{count} account appears in {present} but not in {absent}: {examples}",
        "{count} accounts appear in {present} but not in {absent}, e.g. {examples}",
        gap.count,
    ).format(
        count=_.number(gap.count),
        present=gap.present,
        absent=gap.absent,
        examples=_names(gap.examples),
    )


def _missing(q: DataRoomQuality, _: Lang) -> Finding:
    parts = [_gap_text(gap, _) for gap in q.missing_from_register]
    parts += [
        _.ngettext(
            "{count} active account of {present} has no revenue in {absent}: {examples}",
            "{count} active accounts of {present} have no revenue in {absent}, e.g. {examples}",
            gap.count,
        ).format(
            count=_.number(gap.count),
            present=gap.present,
            absent=gap.absent,
            examples=_names(gap.examples),
        )
        for gap in q.without_revenue
    ]
    return Finding(
        "medium",
        _("Accounts named in one file and missing from another"),
        "; ".join(parts) + ".",
        _(
            "The files were exported at different times or with different filters, so figures "
            "that join them (health, support per account, churn) each cover a different set of "
            "customers."
        ),
        _(
            "Agree with the client which file is the reference list of customers, and reconcile "
            "the other exports with it before drawing conclusions."
        ),
    )


def _duplicates(q: DataRoomQuality, _: Lang) -> Finding:
    def spelling(e: Example) -> str:
        where = ", ".join(part for part in (e.detail, e.file) if part)
        return f"{e.account} ({where})" if where else e.account

    shown = [" = ".join(spelling(e) for e in d.spellings) for d in q.duplicates[:3]]
    accounts = sum(len(d.spellings) for d in q.duplicates)
    evidence = _.ngettext(
        "{count} customer appears as {accounts} accounts under different spellings: {examples}.",
        "{count} customers appear as {accounts} accounts under different spellings, e.g. "
        "{examples}.",
        len(q.duplicates),
    ).format(
        count=_.number(len(q.duplicates)),
        accounts=_.number(accounts),
        examples="; ".join(shown),
    )
    return Finding(
        "high",
        _("One customer under two spellings"),
        evidence,
        _(
            "Each copy holds part of the customer's revenue and history: the customer looks "
            "smaller, can look churned when its revenue moves to the other copy, and counts "
            "twice in logo figures."
        ),
        _(
            "Give both spellings the same customer code at the source (names are compared "
            "without accents, case and suffixes such as Ltda, S.A. or Inc) and import again."
        ),
    )


def _currencies(q: DataRoomQuality, _: Lang) -> Finding:
    total = sum(c.count for c in q.currencies)
    listed = ", ".join(f"{c.currency} ({_.number(c.count)})" for c in q.currencies)
    examples = ", ".join(
        f"{e.account} ({e.file})" if e.file else e.account
        for c in q.currencies
        for e in c.examples[:2]
    )
    return Finding(
        "medium",
        _("Currencies mixed"),
        _.ngettext(
            "{count} account is billed in another currency than the workspace's {currency}: "
            "{listed}; {examples}. Its amounts were converted at import.",
            "{count} accounts are billed in other currencies than the workspace's {currency}: "
            "{listed}; e.g. {examples}. Their amounts were converted at import.",
            total,
        ).format(
            count=_.number(total),
            currency=q.workspace_currency,
            listed=listed,
            examples=examples,
        ),
        _(
            "Converted amounts move with the exchange rate: part of the growth or churn in MRR "
            "can be a change of rate rather than of the customer."
        ),
        _(
            "State the rates and dates used in the report, or follow those accounts in their "
            "own currency beside the converted figures."
        ),
    )


def _out_of_period(q: DataRoomQuality, _: Lang) -> Finding:
    assert q.revenue_period is not None
    first, last = q.revenue_period
    parts = []
    for gap in q.out_of_period:
        what = (
            _.ngettext("{count} ticket", "{count} tickets", gap.count)
            if gap.table == "tickets"
            else _.ngettext("{count} survey answer", "{count} survey answers", gap.count)
        ).format(count=_.number(gap.count))
        dated = ", ".join(
            f"{e.account} ({_.day(date.fromisoformat(e.detail))})" for e in gap.examples
        )
        parts.append(
            _("{file}: {what} ({before} before, {after} after), e.g. {examples}").format(
                file=gap.file,
                what=what,
                before=_.number(gap.before),
                after=_.number(gap.after),
                examples=dated,
            )
        )
    return Finding(
        "low",
        _("Tickets or surveys outside the revenue period"),
        _("Revenue covers {first} to {last}. {parts}.").format(
            first=_.month(first), last=_.month(last), parts="; ".join(parts)
        ),
        _(
            "They count in the support and satisfaction figures but cannot be set against "
            "revenue or churn: a customer's tickets after it left, or before the revenue history "
            "starts."
        ),
        _(
            "Export revenue for the same period as the help desk and survey files, or filter "
            "those files to the revenue's months."
        ),
    )
