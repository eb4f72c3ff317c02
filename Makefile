# The two commands a newcomer needs: `make run` and `make test`.
# Both create .venv on first use and install Hearth from pyproject.toml.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run demo test lint bench clean messages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(VENV)/bin/hearth $(ARGS)

demo: $(VENV)/.installed
	$(VENV)/bin/hearth demo

test: $(VENV)/.installed
	$(PY) -m pytest $(ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/lint-imports

bench: $(VENV)/.installed
	$(PY) -m bench $(ARGS)

# Hearth's own words, for translators: extract every marked text into bot/locales/hearth.pot, then bring
# each language's catalog up to date with it (new texts arrive with an empty msgstr: English until translated).
LANGS := en es de fr pt
KEYWORDS := -k _ -k N_ -k ngettext:1,2 -k gettext_in:2 -k command:2 -k Option:2 -k CommandForm:1
messages: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F babel.cfg $(KEYWORDS) --no-default-keywords --sort-by-file \
		--project=Hearth --copyright-holder="Hearth contributors" --msgid-bugs-address="" \
		--add-comments=TRANSLATORS: -o bot/locales/hearth.pot .
	for l in $(LANGS); do \
		if [ -f bot/locales/$$l/LC_MESSAGES/hearth.po ]; then \
			$(VENV)/bin/pybabel update -D hearth -i bot/locales/hearth.pot -d bot/locales -l $$l --ignore-obsolete; \
		else \
			$(VENV)/bin/pybabel init -D hearth -i bot/locales/hearth.pot -d bot/locales -l $$l; \
		fi; \
	done
	$(PY) -m bot.i18n_extract --english bot/locales/en/LC_MESSAGES/hearth.po

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
