# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

import frappe
import pytest
from factories import days_from_today, make_assignment, make_course, make_employee, make_hr_manager, make_user
from query_counter import count_queries

from smooth_hr_lms import api


@pytest.fixture
def org():
	"""Boss -> Lead -> Dev, and Boss -> Ops; Other -> Outsider on a separate branch of the tree."""
	boss = make_employee(make_user("Boss"))
	lead = make_employee(make_user("Lead"), reports_to=boss.name)
	dev = make_employee(make_user("Dev"), reports_to=lead.name)
	ops = make_employee(make_user("Ops"), reports_to=boss.name)
	other = make_employee(make_user("Other"))
	outsider = make_employee(make_user("Outsider"), reports_to=other.name)
	return frappe._dict(boss=boss, lead=lead, dev=dev, ops=ops, other=other, outsider=outsider)


def team_names(result):
	return sorted(member["employee"] for member in result["team"])


def test_manager_sees_direct_reports_with_their_assignments_and_totals(org, as_user):
	course = make_course("Ethics")
	make_assignment(org.lead, course, status="Completed")
	make_assignment(org.ops, course, assigned_on=days_from_today(-40), due_date=days_from_today(-3))

	with as_user(org.boss.user_id):
		result = api.get_team_training_status()

	assert team_names(result) == sorted([org.lead.name, org.ops.name])
	ops = next(m for m in result["team"] if m["employee"] == org.ops.name)
	[row] = ops["assignments"]
	assert row["days_overdue"] == 3 and row["is_overdue"]
	assert result["totals"] == {
		"assigned": 2,
		"completed": 1,
		"in_progress": 0,
		"overdue": 1,
		"completion_rate": 50.0,
	}


def test_indirect_reports_come_from_the_employee_tree(org, as_user):
	with as_user(org.boss.user_id):
		result = api.get_team_training_status(include_indirect=1)

	assert team_names(result) == sorted([org.lead.name, org.ops.name, org.dev.name])


def test_broken_tree_and_reports_to_loop_neither_hang_nor_crash(org, as_user):
	for employee in org.values():
		frappe.db.set_value("Employee", employee.name, {"lft": 0, "rgt": 0})
	frappe.db.set_value("Employee", org.boss.name, "reports_to", org.dev.name)

	with as_user(org.boss.user_id):
		result = api.get_team_training_status(include_indirect="1")

	assert team_names(result) == sorted([org.lead.name, org.ops.name, org.dev.name])


def test_manager_asking_for_another_team_is_refused(org, as_user):
	with as_user(org.boss.user_id), pytest.raises(frappe.PermissionError):
		api.get_team_training_status(manager=org.other.name)


def test_employee_without_reports_is_refused(org, as_user):
	with as_user(org.dev.user_id), pytest.raises(frappe.PermissionError):
		api.get_team_training_status()


@pytest.mark.parametrize("roles", [("HR Manager",), ("System Manager",)])
def test_hr_can_see_any_managers_team(org, as_user, roles):
	with as_user(make_user("Hr", roles=roles)):
		result = api.get_team_training_status(manager=org.other.name)

	assert team_names(result) == [org.outsider.name]


@pytest.mark.parametrize("caller", ["Guest", "student"])
def test_others_are_refused(org, as_user, caller):
	caller = make_user("Stu") if caller == "student" else caller
	with as_user(caller), pytest.raises(frappe.PermissionError):
		api.get_team_training_status(manager=org.boss.name)


def test_hr_manager_without_an_employee_must_name_the_manager(as_user):
	with as_user(make_hr_manager()), pytest.raises(frappe.ValidationError):
		api.get_team_training_status()


def test_query_count_is_the_same_for_small_and_large_teams(as_user):
	def count_for(team_size):
		course = make_course("Scale")
		manager = make_employee(make_user("Mgr"))
		for number in range(team_size):
			member = make_employee(make_user(f"M{number}"), reports_to=manager.name)
			make_assignment(member, course)
		with as_user(manager.user_id), count_queries() as queries:
			result = api.get_team_training_status(include_indirect=1)
		assert len(result["team"]) == team_size
		return queries.total

	small = count_for(3)
	frappe.db.rollback()
	large = count_for(25)
	assert small == large


def test_each_assignment_says_whether_the_person_is_compliant_due_or_lapsed(org, as_user):
	done, due, late = make_course("Done"), make_course("Due"), make_course("Late")
	make_assignment(org.lead, done, status="Completed")
	make_assignment(org.lead, due)
	make_assignment(org.lead, late, assigned_on=days_from_today(-40), due_date=days_from_today(-1))

	with as_user(org.boss.user_id):
		result = api.get_team_training_status()

	lead = next(m for m in result["team"] if m["employee"] == org.lead.name)
	assert {row["course"]: row["compliance"] for row in lead["assignments"]} == {
		done: "Compliant",
		due: "Due",
		late: "Lapsed",
	}
