"""What the fuzzer found, each pinned by a test that reads as the bug it was."""


def test_a_note_patched_without_text_is_refused_not_a_server_error(world, clients):
    url = f"/api/meeting-notes/{world.note.pk}/"
    author, other_side = clients("manager", True), clients("employee", True)
    assert other_side.patch(url, {}, format="json").status_code == 403
    response = author.patch(url, {}, format="json")
    assert response.status_code == 400
    assert "text" in response.json()
