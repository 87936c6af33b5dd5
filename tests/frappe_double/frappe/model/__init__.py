"""Field type groups of frappe/model/__init__.py used by the double."""

no_value_fields = (
	"Section Break",
	"Column Break",
	"Tab Break",
	"HTML",
	"Table",
	"Table MultiSelect",
	"Button",
	"Image",
	"Fold",
	"Heading",
)
display_fieldtypes = (
	"Section Break",
	"Column Break",
	"Tab Break",
	"HTML",
	"Button",
	"Image",
	"Fold",
	"Heading",
)
table_fields = ("Table", "Table MultiSelect")
numeric_fieldtypes = ("Currency", "Int", "Long Int", "Float", "Percent", "Check", "Rating", "Duration")
float_like_fields = ("Float", "Currency", "Percent", "Rating", "Duration")
datetime_fields = ("Datetime", "Date", "Time")
default_fields = ("doctype", "name", "owner", "creation", "modified", "modified_by", "docstatus", "idx")
child_table_fields = ("parent", "parentfield", "parenttype")
optional_fields = ("_user_tags", "_comments", "_assign", "_liked_by", "_seen")
