"""A chart's file name per person (`_file_part`): never one file for two people (review21)."""

from adapters.console.adapter import _file_part


def test_an_id_that_is_a_file_name_already_is_kept_as_it_is():
    assert _file_part("ann") == "ann" and _file_part("ann-b") == "ann-b"


def test_ids_that_differ_only_in_what_a_file_name_cant_hold_get_files_of_their_own():
    names = {_file_part(who) for who in ("ann b", "ann/b", "ann-b", "ann:b", "..ann b")}
    assert len(names) == 5
    assert all(n.startswith("ann") for n in names) and all("/" not in n and " " not in n for n in names)
