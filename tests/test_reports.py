# Copyright (c) 2026, Smooth HR LMS contributors and contributors
# For license information, please see license.txt

"""The desk reporting: the three Script Reports, the number cards and the workspace that shows them."""

import json
from pathlib import Path

import frappe
import pytest
from factories import (
	days_from_today,
	ensure_company,
	ensure_department,
	make_assignment,
	make_course,
	make_employee,
	make_hr_manager,
	make_hr_user,
	make_training_rule,
	make_user,
	unique_suffix,
)
from frappe.utils import add_days, today
from query_counter import count_queries

from smooth_hr_lms.smooth_hr_lms.report.mandatory_training_completion import (
	mandatory_training_completion,
)
from smooth_hr_lms.smooth_hr_lms.report.overdue_training_assignments import overdue_training_assignments
from smooth_hr_lms.smooth_hr_lms.report.team_training_status import team_training_status

MODULE_FOLDER = Path(__file__).resolve().parent.parent / "smooth_hr_lms" / "smooth_hr_lms"
MODULE = "Smooth HR LMS"


def assign_past_due(employee, course, days_overdue: int, **values):
	return make_assignment(
		employee,
		course,
		assigned_on=days_from_today(-days_overdue - 30),
		due_date=days_from_today(-days_overdue),
		**values,
	)


def make_department(name: str) -> str:
	return ensure_department(f"{name} {unique_suffix()}")


def fieldnames(columns) -> list[str]:
	return [column["fieldname"] for column in columns]


def summary_values(summary) -> dict:
	return {item["label"]: item["value"] for item in summary}


@pytest.fixture
def org():
	"""Boss -> Lead -> Dev, and Boss -> Ops; Lead and Dev in Engineering, Ops in Operations."""
	engineering, operations = make_department("Engineering"), make_department("Operations")
	boss = make_employee(make_user("Boss"))
	lead = make_employee(make_user("Lead"), reports_to=boss.name, department=engineering)
	dev = make_employee(make_user("Dev"), reports_to=lead.name, department=engineering)
	ops = make_employee(make_user("Ops"), reports_to=boss.name, department=operations)
	return frappe._dict(
		boss=boss, lead=lead, dev=dev, ops=ops, engineering=engineering, operations=operations
	)


# Overdue Training Assignments


def run_overdue(**filters):
	columns, data, message, chart = overdue_training_assignments.execute(frappe._dict(filters))
	assert message is None
	return columns, data, chart


def test_overdue_report_lists_marked_and_past_due_open_assignments(org):
	course = make_course("Safety")
	marked = assign_past_due(org.lead, course, 5, status="Overdue")
	past_due = assign_past_due(org.ops, course, 2, status="In Progress")
	make_assignment(org.dev, course, due_date=days_from_today(3))
	assign_past_due(org.boss, course, 9, status="Completed")

	columns, data, chart = run_overdue(course=course)

	assert fieldnames(columns) == [
		"assignment",
		"employee",
		"employee_name",
		"department",
		"manager",
		"manager_name",
		"course",
		"course_title",
		"status",
		"progress",
		"due_date",
		"days_overdue",
	]
	assert [(row.assignment, row.status, row.days_overdue) for row in data] == [
		(marked.name, "Overdue", 5),
		(past_due.name, "In Progress", 2),
	]
	lead_row = data[0]
	assert lead_row.employee == org.lead.name
	assert lead_row.employee_name == org.lead.employee_name
	assert lead_row.department == org.engineering
	assert (lead_row.manager, lead_row.manager_name) == (org.boss.name, org.boss.employee_name)
	assert lead_row.course_title == frappe.db.get_value("LMS Course", course, "title")
	assert chart["type"] == "bar"
	assert chart["data"]["labels"] == [org.engineering, org.operations]
	assert chart["data"]["datasets"][0]["values"] == [1, 1]


def test_overdue_report_leaves_out_cancelled_and_completed_assignments(org):
	course = make_course("Ethics")
	assign_past_due(org.lead, course, 4, status="Cancelled")
	assign_past_due(org.ops, course, 4, status="Completed")

	_columns, data, chart = run_overdue(course=course)

	assert data == []
	assert chart is None


def test_overdue_report_filters_by_department_and_by_manager(org):
	course = make_course("Security")
	for employee in (org.lead, org.dev, org.ops):
		assign_past_due(employee, course, 1)

	_columns, engineering, _chart = run_overdue(course=course, department=org.engineering)
	_columns, boss_reports, _chart = run_overdue(course=course, manager=org.boss.name)
	_columns, company, _chart = run_overdue(course=course, company=ensure_company())

	assert sorted(row.employee for row in engineering) == sorted([org.lead.name, org.dev.name])
	assert sorted(row.employee for row in boss_reports) == sorted([org.lead.name, org.ops.name])
	assert len(company) == 3


def test_overdue_report_finds_the_employee_of_an_assignment_made_without_one(org):
	course = make_course("Hygiene")
	assign_past_due(org.dev, course, 6, employee_record=None)

	_columns, data, _chart = run_overdue(course=course, department=org.engineering)

	[row] = data
	assert (row.employee, row.manager, row.days_overdue) == (org.dev.name, org.lead.name, 6)


def test_overdue_report_reads_a_fixed_number_of_queries():
	def count_for(team_size):
		course = make_course("Scale")
		manager = make_employee(make_user("Mgr"))
		department = make_department("Scale")
		for number in range(team_size):
			member = make_employee(make_user(f"M{number}"), reports_to=manager.name, department=department)
			assign_past_due(member, course, number + 1)
		with count_queries() as queries:
			_columns, data, _chart = run_overdue(course=course)
		assert len(data) == team_size
		return queries.reads

	small = count_for(2)
	frappe.db.rollback()
	large = count_for(20)
	assert small == large


# Team Training Status


def test_team_report_shows_each_member_and_assignment_with_totals(org, as_user):
	course, other_course = make_course("Ethics"), make_course("Privacy")
	make_assignment(org.lead, course, status="Completed")
	assign_past_due(org.ops, course, 3)
	make_assignment(org.ops, other_course, status="In Progress", due_date=days_from_today(10))
	# Lead's own team is not Boss's direct team: Dev shows only with indirect reports.
	assign_past_due(org.dev, course, 8)

	with as_user(org.boss.user_id):
		columns, data, message, chart, summary = team_training_status.execute({})

	assert message is None
	assert {"employee", "employee_name", "course_title", "status", "progress", "due_date"} <= set(
		fieldnames(columns)
	)
	assert "days_overdue" in fieldnames(columns)
	rows = sorted((row.employee, row.course, row.status, row.days_overdue) for row in data)
	assert rows == sorted(
		[
			(org.lead.name, course, "Completed", 0),
			(org.ops.name, course, "Overdue", 3),
			(org.ops.name, other_course, "In Progress", 0),
		]
	)
	assert chart["type"] == "donut"
	assert dict(zip(chart["data"]["labels"], chart["data"]["datasets"][0]["values"], strict=True)) == {
		"In Progress": 1,
		"Overdue": 1,
		"Completed": 1,
	}
	assert summary_values(summary) == {
		"Team Members": 2,
		"Assignments": 3,
		"Completed": 1,
		"In Progress": 1,
		"Overdue": 1,
		"Completion Rate": 33.3,
	}


def test_team_report_says_per_assignment_whether_the_person_is_compliant(org, as_user):
	done, due, late = make_course("Done"), make_course("Due"), make_course("Late")
	make_assignment(org.ops, done, status="Completed")
	make_assignment(org.ops, due)
	assign_past_due(org.ops, late, 1)

	with as_user(org.boss.user_id):
		columns, data, _message, _chart, _summary = team_training_status.execute({})

	assert "compliance" in fieldnames(columns)
	assert {row.course: row.compliance for row in data if row.employee == org.ops.name} == {
		done: "Compliant",
		due: "Due",
		late: "Lapsed",
	}


def test_team_report_keeps_a_row_for_a_member_with_nothing_assigned(org, as_user):
	with as_user(org.lead.user_id):
		_columns, data, _message, chart, summary = team_training_status.execute({})

	[row] = data
	assert row.employee == org.dev.name and not row.course
	assert chart is None
	assert summary_values(summary)["Team Members"] == 1


def test_team_report_includes_indirect_reports_for_hr(org, as_user):
	course = make_course("Ethics")
	assign_past_due(org.dev, course, 2)

	with as_user(make_hr_manager()):
		_columns, data, _message, _chart, summary = team_training_status.execute(
			{"manager": org.boss.name, "include_indirect": 1}
		)

	assert {row.employee for row in data} == {org.lead.name, org.dev.name, org.ops.name}
	assert summary_values(summary)["Overdue"] == 1


def test_team_report_refuses_an_employee_who_manages_no_one(org, as_user):
	with as_user(org.dev.user_id), pytest.raises(frappe.PermissionError):
		team_training_status.execute({})


def test_team_report_refuses_a_manager_asking_for_another_team(org, as_user):
	with as_user(org.lead.user_id), pytest.raises(frappe.PermissionError):
		team_training_status.execute({"manager": org.boss.name})


# Mandatory Training Completion


def rows_by_department(data) -> dict:
	return {row.department: row for row in data}


def test_mandatory_report_totals_each_department(org):
	mandatory = make_course("Induction", is_mandatory=1)
	make_assignment(org.lead, mandatory, status="Completed")
	assign_past_due(org.dev, mandatory, 2)
	make_assignment(org.ops, mandatory, status="Completed")
	# Neither a cancelled assignment nor an optional or unpublished course counts.
	make_assignment(org.boss, mandatory, status="Cancelled")
	make_assignment(org.dev, make_course("Optional Extra"), status="Completed")
	make_assignment(org.lead, make_course("Draft", published=0, is_mandatory=1))

	columns, data, message, chart, summary = mandatory_training_completion.execute({"course": mandatory})

	assert message is None
	assert fieldnames(columns) == [
		"department",
		"learners",
		"assigned",
		"completed",
		"due",
		"overdue",
		"completion_rate",
	]
	by_department = rows_by_department(data)
	assert set(by_department) == {org.engineering, org.operations}
	engineering = by_department[org.engineering]
	assert (engineering.learners, engineering.assigned, engineering.completed, engineering.overdue) == (
		2,
		2,
		1,
		1,
	)
	assert engineering.completion_rate == 50.0
	assert by_department[org.operations].completion_rate == 100.0
	assert chart["type"] == "bar"
	assert dict(zip(chart["data"]["labels"], chart["data"]["datasets"][0]["values"], strict=True)) == {
		org.engineering: 50.0,
		org.operations: 100.0,
	}
	assert summary_values(summary) == {
		"Mandatory Courses": 1,
		"Assigned": 3,
		"Completed": 2,
		"Overdue": 1,
		"Completion Rate": 66.7,
	}


def test_mandatory_report_without_a_course_covers_only_published_mandatory_courses(org):
	first, second = make_course("Induction", is_mandatory=1), make_course("Code of Conduct", is_mandatory=1)
	make_assignment(org.lead, first, status="Completed")
	make_assignment(org.lead, second)
	make_assignment(org.dev, make_course("Optional Extra"), status="Completed")
	make_assignment(org.dev, make_course("Draft", published=0, is_mandatory=1), status="Completed")

	_columns, data, _message, _chart, _summary = mandatory_training_completion.execute({})

	engineering = rows_by_department(data)[org.engineering]
	assert (engineering.learners, engineering.assigned, engineering.completed) == (1, 2, 1)
	assert engineering.completion_rate == 50.0


def test_mandatory_report_counts_a_renewed_recurring_course_once(org):
	mandatory = make_course("Fire Safety", is_mandatory=1)
	# Disabled: only its recurrence is read here, and a saved enabled rule would assign on its own.
	rule = make_training_rule([mandatory], recurrence_months=12, enabled=0)
	completed = make_assignment(
		org.ops,
		mandatory,
		status="Completed",
		assigned_on=days_from_today(-60),
		due_date=days_from_today(-20),
		completion_date=days_from_today(-30),
		source="Training Rule",
		training_rule=rule.name,
	)
	make_assignment(
		org.ops,
		mandatory,
		due_date=days_from_today(335),
		source="Training Rule",
		training_rule=rule.name,
		previous_assignment=completed.name,
	)
	make_assignment(
		org.lead,
		mandatory,
		status="Completed",
		assigned_on=days_from_today(-500),
		due_date=days_from_today(-470),
		completion_date=days_from_today(-480),
		source="Training Rule",
		training_rule=rule.name,
	)

	_columns, data, _message, _chart, _summary = mandatory_training_completion.execute({"course": mandatory})

	by_department = rows_by_department(data)
	operations, engineering = by_department[org.operations], by_department[org.engineering]
	assert (operations.assigned, operations.completed, operations.completion_rate) == (1, 1, 100.0)
	# Completed more than a recurrence ago and not yet renewed: lapsed, so overdue.
	assert (engineering.assigned, engineering.completed, engineering.overdue) == (1, 0, 1)


def test_mandatory_report_groups_employees_without_a_department(org):
	mandatory = make_course("Induction", is_mandatory=1)
	make_assignment(org.boss, mandatory, status="Completed")

	_columns, data, _message, chart, _summary = mandatory_training_completion.execute({"course": mandatory})

	[row] = data
	assert row.department is None and row.completion_rate == 100.0
	assert chart["data"]["labels"] == ["No Department"]


def test_mandatory_report_says_so_for_a_course_that_is_not_mandatory():
	optional = make_course("Optional Extra")

	_columns, data, message, chart, _summary = mandatory_training_completion.execute({"course": optional})

	assert data == [] and chart is None
	assert optional in message


def test_mandatory_report_runs_for_hr_users(org, as_user):
	mandatory = make_course("Induction", is_mandatory=1)
	make_assignment(org.ops, mandatory)

	with as_user(make_hr_user()):
		_columns, data, _message, _chart, _summary = mandatory_training_completion.execute(
			{"course": mandatory, "company": ensure_company()}
		)

	assert rows_by_department(data)[org.operations].assigned == 1


# Number cards


def read_json(path: Path) -> dict:
	return json.loads(path.read_text(encoding="utf-8"))


def shipped(folder: str) -> dict[str, dict]:
	"""The records the module ships in a folder (doctype, report, number_card), by name."""
	records = {}
	for path in sorted((MODULE_FOLDER / folder).glob("*/*.json")):
		if path.stem == path.parent.name:
			data = read_json(path)
			records[data["name"]] = data
	return records


# The JavaScript a card's dynamic filters may use, and its value on the server.
DYNAMIC_VALUES = {
	"frappe.datetime.get_today()": lambda: today(),
	"frappe.datetime.add_days(frappe.datetime.get_today(), 7)": lambda: add_days(today(), 7),
}


def count_card(card: dict, course: str) -> int:
	filters = json.loads(card["filters_json"])
	for doctype, fieldname, operator, expression in json.loads(card["dynamic_filters_json"]):
		filters.append([doctype, fieldname, operator, DYNAMIC_VALUES[expression]()])
	filters = [row[:4] for row in filters] + [[card["document_type"], "course", "=", course]]
	return len(frappe.get_all(card["document_type"], filters=filters))


def test_number_cards_are_standard_counts_of_training_assignments():
	cards = shipped("number_card")

	assert set(cards) == {"Overdue Training Assignments", "Training Due This Week"}
	meta = frappe.get_meta("LMS Training Assignment")
	for card in cards.values():
		assert (card["doctype"], card["type"], card["function"]) == ("Number Card", "Document Type", "Count")
		assert (card["is_standard"], card["module"], card["label"]) == (1, MODULE, card["name"])
		assert card["document_type"] == "LMS Training Assignment"
		for row in json.loads(card["filters_json"]) + json.loads(card["dynamic_filters_json"]):
			assert row[0] == "LMS Training Assignment" and meta.get_field(row[1]), row


def test_number_cards_count_what_their_names_say(org):
	course = make_course("Cards")
	assign_past_due(org.lead, course, 3)
	assign_past_due(org.dev, course, 1, status="Overdue")
	assign_past_due(org.ops, course, 2, status="Completed")
	make_assignment(org.boss, course, due_date=days_from_today(7))
	cards = shipped("number_card")

	assert count_card(cards["Overdue Training Assignments"], course) == 2
	assert count_card(cards["Training Due This Week"], course) == 1


def test_overdue_card_agrees_with_the_overdue_report(org):
	course = make_course("Agree")
	assign_past_due(org.lead, course, 3)
	assign_past_due(org.ops, course, 1, status="Overdue")
	make_assignment(org.dev, course, due_date=today())

	_columns, data, _chart = run_overdue(course=course)

	assert count_card(shipped("number_card")["Overdue Training Assignments"], course) == len(data) == 2


# Reports and workspace


def test_reports_are_standard_script_reports_of_this_module():
	reports = shipped("report")

	assert set(reports) == {
		"Overdue Training Assignments",
		"Team Training Status",
		"Mandatory Training Completion",
	}
	for name, report in reports.items():
		folder = MODULE_FOLDER / "report" / frappe.scrub(name)
		assert (report["doctype"], report["report_type"], report["is_standard"]) == (
			"Report",
			"Script Report",
			"Yes",
		)
		assert (report["module"], report["report_name"]) == (MODULE, name)
		assert frappe.get_meta(report["ref_doctype"]).name == report["ref_doctype"]
		assert report["roles"] and all(row["role"] for row in report["roles"])
		assert f'frappe.query_reports["{name}"]' in (folder / f"{folder.name}.js").read_text()
		module = frappe.get_module(f"smooth_hr_lms.smooth_hr_lms.report.{folder.name}.{folder.name}")
		assert callable(module.execute)


def test_workspace_references_only_what_the_app_ships():
	workspace = read_json(MODULE_FOLDER / "workspace" / "smooth_hr_lms" / "smooth_hr_lms.json")
	targets = {
		"DocType": set(shipped("doctype")),
		"Report": set(shipped("report")),
	}

	assert (workspace["doctype"], workspace["name"], workspace["label"]) == ("Workspace", MODULE, MODULE)
	assert (workspace["module"], workspace["public"], workspace["app"]) == (MODULE, 1, "smooth_hr_lms")
	for shortcut in workspace["shortcuts"]:
		assert shortcut["link_to"] in targets[shortcut["type"]], shortcut
	for link in workspace["links"]:
		if link["type"] == "Link":
			assert link["link_to"] in targets[link["link_type"]], link
			assert link["is_query_report"] == (link["link_type"] == "Report"), link
	card_names = {row["number_card_name"] for row in workspace["number_cards"]}
	assert card_names == set(shipped("number_card"))

	# Every report and the list and settings are one click away.
	shortcut_targets = {shortcut["link_to"] for shortcut in workspace["shortcuts"]}
	assert targets["Report"] | {"LMS Training Assignment", "Smooth HR LMS Settings"} <= shortcut_targets

	# The page content draws only widgets defined in the workspace's own tables.
	widgets = {
		"shortcut": ("shortcut_name", {row["label"] for row in workspace["shortcuts"]}),
		"number_card": ("number_card_name", {row["label"] for row in workspace["number_cards"]}),
		"card": ("card_name", {row["label"] for row in workspace["links"] if row["type"] == "Card Break"}),
	}
	blocks = json.loads(workspace["content"])
	for block in blocks:
		if block["type"] in widgets:
			key, defined = widgets[block["type"]]
			assert block["data"][key] in defined, block
	assert len({block["id"] for block in blocks}) == len(blocks)
