"""What konsulta_plan is (konsulta_content.plugins)."""

from konsulta_content.plugins import Need, Plugin, Step, for_site

from .plans import PLANS_FOLDER
from .urls import PLAN_PATH

PLUGIN = Plugin(
    "konsulta_plan",
    f"Each year's planned consultations, from content/{PLANS_FOLDER}/<year>.yaml, checked against the "
    "site's documents and shown by quarter and issuing body in every language.",
    needs=(Need("konsulta_content", "site"), Need("konsulta_i18n")),
    provides=(for_site("consultation_plans", "every year's Plan, newest first"),),
    steps=(Step("konsulta_plan.steps:read_plans", provides=("consultation_plans",), checks=True),),
    writes=(f"{{lang}}/{PLAN_PATH}/",),
    reports=f"plan files ({PLANS_FOLDER}/<year>.yaml) that do not parse, do not fit the format, or name "
            "bodies and drafts the site does not have",
)
