# Shim for bench versions that install apps through setup.py; pyproject.toml holds the metadata.
from setuptools import find_packages, setup

from smooth_hr_lms import __version__

setup(
	name="smooth_hr_lms",
	version=__version__,
	packages=find_packages(include=["smooth_hr_lms", "smooth_hr_lms.*"]),
	include_package_data=True,
	zip_safe=False,
)
