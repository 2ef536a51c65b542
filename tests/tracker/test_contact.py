"""Contact details and resume dates as people type them: normalised, or refused in one line."""

from __future__ import annotations

from datetime import date

import pytest

from curriculum.errors import UserError
from tracker.contact import (
    check_date_order,
    parse_email,
    parse_github,
    parse_linkedin,
    parse_resume_date,
    parse_website,
    profile_user,
)

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    "typed", ["ada", "@ada", "github.com/ada", "https://github.com/ada/", "HTTPS://www.GitHub.com/ada"]
)
def test_a_github_handle_becomes_its_profile(typed):
    assert parse_github(typed) == "https://github.com/ada"


@pytest.mark.parametrize("typed", ["ada-l", "in/ada-l", "linkedin.com/in/ada-l", "https://www.linkedin.com/in/ada-l/"])
def test_a_linkedin_name_becomes_its_profile(typed):
    assert parse_linkedin(typed) == "https://www.linkedin.com/in/ada-l"
    assert profile_user(parse_linkedin(typed)) == "ada-l"


def test_websites_and_emails():
    assert parse_website("ada.dev") == "https://ada.dev"
    assert parse_website("http://ada.dev/cv") == "http://ada.dev/cv"
    assert parse_email(" ada@example.com ") == "ada@example.com"
    assert parse_email("") == "" and parse_github("") == "" and parse_website("") == ""
    for wrong, check in (("ada", parse_email), ("a b", parse_github), ("not a site", parse_website)):
        with pytest.raises(UserError):
            check(wrong)
    with pytest.raises(UserError, match="under 200"):
        parse_email("a" * 200 + "@example.com")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("2023", "2023"), ("2023-03", "2023-03"), ("3/2023", "2023-03"), ("Mar 2023", "2023-03"),
     ("September 2022", "2022-09"), ("2023-03-14", "2023-03-14")],
)  # fmt: skip
def test_resume_dates_keep_the_precision_given(typed, stored):
    assert parse_resume_date(typed, today=TODAY) == stored


def test_resume_dates_refused_or_current():
    assert parse_resume_date("present", "end", today=TODAY) == ""
    for wrong, message in (("2027", "in the future"), ("13/2023", "not a calendar date"), ("soon", "not a date")):
        with pytest.raises(UserError, match=message):
            parse_resume_date(wrong, today=TODAY)
    check_date_order("2023", "2023-01")  # the same year, at the precision both share
    with pytest.raises(UserError, match="before it starts"):
        check_date_order("2023-03", "2023-02")
