from datetime import date

from regiowerk.organisations import start


def test_panels_show_in_registered_order_and_a_none_is_left_out(monkeypatch):
    monkeypatch.setattr(start, "_registry", {})
    start.register("b", 20, lambda actor, today: start.StartPanel("b", "B", rows=[]))
    start.register("a", 10, lambda actor, today: start.StartPanel("a", "A", rows=[]))
    start.register("hidden", 15, lambda actor, today: None)

    panels = start.panels_for(actor=None, today=date(2026, 12, 2))  # type: ignore[arg-type]

    assert [p.anchor for p in panels] == ["a", "b"]
    assert start.registered() == ["a", "hidden", "b"]


def test_registering_a_key_again_replaces_it(monkeypatch):
    monkeypatch.setattr(start, "_registry", {})
    start.register("a", 10, lambda actor, today: None)
    start.register("a", 30, lambda actor, today: None)

    assert start.registered() == ["a"]


def test_the_apps_register_their_panels():
    assert {"people-caseload", "people-plan-actions", "people-overview"} <= set(
        start.registered()
    )
