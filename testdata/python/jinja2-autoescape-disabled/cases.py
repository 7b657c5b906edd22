import jinja2
from jinja2 import Environment, FileSystemLoader, select_autoescape

# ruleid: python/jinja2-autoescape-disabled
env = Environment(loader=FileSystemLoader("templates"))
# ruleid: python/jinja2-autoescape-disabled
raw = jinja2.Environment(autoescape=False)
# ok: python/jinja2-autoescape-disabled -- autoescaping selected by extension
safe = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())
# ok: python/jinja2-autoescape-disabled -- on
on = jinja2.Environment(autoescape=True)
