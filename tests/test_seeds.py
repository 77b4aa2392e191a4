"""The two seed notices must come out exactly as a person reads them (values from the PDFs)."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

LANCS = "samples/lancashire-rr-20-2024-drive-extension.pdf"
MOPAC = "samples/mopac-pcd-1462-drive-extension.pdf"


def _rows(tables: dict[str, pd.DataFrame], table: str, file: str) -> pd.DataFrame:
    frame = tables[table]
    return frame[frame["source_file"] == file]


def _names(tables, file: str, role: str) -> set[str]:
    orgs = _rows(tables, "organisations", file)
    return set(orgs[orgs["role"] == role]["name"]) | set(orgs[orgs["role"] == role]["canonical"])


def test_lancashire_decision(tables):
    d = _rows(tables, "decisions", LANCS).iloc[0]
    assert d["decision_id"] == "20/2024"
    assert d["decision_date"] == "2024-09-02"
    assert d["title"] == "Drive Programme – Extension to contract"
    assert d["publisher"] == "Lancashire PCC"


def test_lancashire_organisations_and_programme(tables):
    assert "Victim Support" in _names(tables, LANCS, "provider")
    funders = _names(tables, LANCS, "funder")
    assert "Home Office" in funders
    assert "Police and Crime Commissioner for Lancashire" in funders
    assert "Drive" in set(_rows(tables, "programmes", LANCS)["programme"])


def test_lancashire_amounts_and_periods(tables):
    amounts = _rows(tables, "amounts", LANCS)
    values = set(amounts["amount"])
    assert {"665905.00", "298403.22"} <= values
    contract = amounts[amounts["amount"] == "665905.00"].iloc[0]
    assert (contract["period_start"], contract["period_end"]) == ("2023-08-01", "2025-03-31")
    extension = amounts[(amounts["amount"] == "298403.22") & (amounts["source"] == "text")].iloc[0]
    assert extension["period"] == "2025/26"
    assert extension["period_end"] == "2026-03-31"
    # every non-zero line of the cost table is an amount too
    lines = _rows(tables, "cost_lines", LANCS)
    assert set(lines["amount"]) - {"0.00"} <= values


def test_lancashire_cost_table(tables):
    lines = _rows(tables, "cost_lines", LANCS)
    body = lines[lines["is_total"] == "false"]
    nonzero = body[body["amount"] != "0.00"]
    assert sorted(nonzero["amount"], key=Decimal) == sorted(
        ["171790.00", "22185.00", "4550.00", "3715.00", "7000.00", "2500.00", "32663.22", "27000.00", "27000.00"],
        key=Decimal,
    )
    assert "Employed staff payroll costs" in set(nonzero["description"])
    total = lines[lines["is_total"] == "true"]
    assert list(total["amount"]) == ["298403.22"]
    assert list(total["adds_up"]) == ["true"]
    assert sum(Decimal(a) for a in body["amount"]) == Decimal("298403.22")
    assert set(lines["page"]) == {"2"}


def test_mopac_decision(tables):
    d = _rows(tables, "decisions", MOPAC).iloc[0]
    assert d["decision_id"] == "PCD 1462"
    # the Deputy Mayor signed on 20/06/2023; the chief executive's 19/06/2023 is not the decision date
    assert d["decision_date"] == "2023-06-20"
    assert d["title"] == "Drive Extension"
    assert d["publisher"] == "MOPAC"


def test_mopac_amounts(tables):
    amounts = _rows(tables, "amounts", MOPAC)
    assert set(amounts["amount"]) == {"84500.00", "1790932.20", "674734.00", "500000.00"}
    first = amounts[amounts["amount"] == "84500.00"]
    assert set(first["qualifier"]) & {"up to", "maximum"}
    assert "threshold" in set(amounts[amounts["amount"] == "500000.00"]["role"])
    assert "match funding" in set(amounts[amounts["amount"] == "674734.00"]["role"])
    assert "Perpetrator" in " ".join(amounts[amounts["amount"] == "1790932.20"]["quote"])


def test_mopac_organisations(tables):
    providers = _names(tables, MOPAC, "provider")
    assert "The Drive Partnership" in providers
    assert {"Rise Mutual", "LB Croydon", "LB Sutton", "LB Bromley"} <= providers
    funders = _names(tables, MOPAC, "funder")
    assert "MOPAC" in funders and "Home Office" in funders
    assert not providers & {"MOPAC", "Home Office"}
    assert list(_rows(tables, "programmes", MOPAC)["programme"]) == ["Drive"]


def test_every_value_has_provenance(tables):
    for name in ("amounts", "organisations", "cost_lines"):
        frame = tables[name]
        assert (frame["page"] != "").all(), name
        assert frame["sha256"].str.fullmatch(r"[0-9a-f]{64}").all(), name
        assert (frame["bbox"].str.count(",") == 3).all(), name
    assert (tables["amounts"]["quote"] != "").all()
    # a quoted sum is printed in its quote
    text_rows = tables["amounts"][tables["amounts"]["source"] == "text"]
    assert all(raw in quote for raw, quote in zip(text_rows["raw"], text_rows["quote"]))
