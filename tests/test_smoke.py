from curriculum.resources import content_dir, templates_dir


def test_resource_folders_are_found_from_a_checkout():
    assert content_dir().name == "content"
    assert templates_dir().name == "templates"
