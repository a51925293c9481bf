from satker import selectors


def test_operator_sees_and_writes_only_own_office(personas):
    p = personas
    assert list(selectors.satker_visible(p.operator_a)) == [p.satker_a]
    assert selectors.can_write(p.operator_a, p.satker_a)
    assert not selectors.can_write(p.operator_a, p.satker_b)
    assert not selectors.can_read(p.operator_b, p.satker_a)


def test_reviewer_reads_province_and_its_offices_but_never_writes(personas):
    p = personas
    assert set(selectors.satker_visible(p.reviewer)) == {p.provinsi, p.satker_a, p.satker_b}
    assert not selectors.can_write(p.reviewer, p.satker_a)
    assert not selectors.can_write(p.reviewer, p.provinsi)


def test_admin_and_anonymous(personas):
    p = personas
    assert selectors.can_write(p.admin, p.satker_b)
    assert not selectors.satker_visible(p.anonim).exists()
    assert not selectors.can_read(p.anonim, p.satker_a)


def test_can_read_agrees_with_satker_visible_for_every_persona(personas):
    # can_read decides without a query; it must never drift from the list selector.
    from satker.models import Satker
    from tests.factories import SatkerFactory, user_with_role

    lain = SatkerFactory(kode="1271", nama="KPU Kota Medan")  # another province
    ri_reviewer = user_with_role(lain.induk.induk, "REVIEWER", "reviewer_ri")
    semua = list(Satker.objects.all())
    for user in [*personas.all().values(), ri_reviewer]:
        terlihat = set(selectors.satker_visible(user))
        for s in semua:
            assert selectors.can_read(user, s) == (s in terlihat), (user, s)
