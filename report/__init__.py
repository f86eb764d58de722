"""`mxt report`: one self-contained HTML page of what is known.

Needs the optional extra `mxt[report]` (Jinja2 and matplotlib); `projections.questions.report`
gathers the data, `page` writes it, `charts` draws it.
"""
