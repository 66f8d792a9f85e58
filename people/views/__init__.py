"""The org chart's pages: the chart itself (``org``), the HRIS import (``imports``) and the sign-in pages (``auth``)."""
