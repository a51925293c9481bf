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
