"""The `konsulta` command: make a site, and the commands a site's Makefile runs."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__

# Commands whose arguments are handed on, as they are, to the editor script of the same name.
EDITOR_SCRIPTS = {
    "validate": "check every document as the build does, without building (scripts/validate)",
    "new": "a new document, or a translation, with its front matter explained (scripts/new)",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="konsulta", description="Konsulta: consultation publishing on Pelican.")
    parser.add_argument("--version", action="version", version=f"konsulta {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", help="make a new site in DIR",
                               description="Makes a new site in DIR (a new or empty folder): settings, a starter "
                                           "page per language, Makefile, README for editors, GitHub workflows, "
                                           "and the lock of this Konsulta and its dependencies.")
    init.add_argument("folder", metavar="DIR", type=Path)
    init.add_argument("--languages", required=True, metavar="LANG,LANG",
                      help="the site's languages, the main one first, e.g. sq,en")
    init.add_argument("--timezone", required=True, metavar="ZONE",
                      help="the site's IANA time zone, e.g. Europe/Belgrade")
    init.add_argument("--title", required=True, help="the site's name")

    check = commands.add_parser("check", help="check a built site: links, HTML validity, accessibility",
                                description="Checks the site built in OUTPUT (with pelicanconf.py): every "
                                            "internal link and anchor, HTML validity (Nu HTML Checker, needs "
                                            "Java) and accessibility (axe-core in Chromium). Exit status 1 on "
                                            "a problem; a missing tool fails under CI=true, else is skipped.")
    check.add_argument("output", metavar="OUTPUT", type=Path)

    serve = commands.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild on every save")
    serve.add_argument("content", metavar="CONTENT", nargs="?", default="content")
    serve.add_argument("-s", "--settings", default="pelicanconf.py")
    serve.add_argument("-o", "--output", default="output")
    serve.add_argument("--port", type=int, default=8000)

    lock = commands.add_parser("lock", help="write this Konsulta's dependency lock into requirements/lock.txt",
                               description="Writes requirements/lock.txt, the dependencies of the installed "
                                           "Konsulta with their hashes, unless it is already that.")
    lock.add_argument("path", metavar="FILE", nargs="?", type=Path, default=None)
    lock.add_argument("--install", action="store_true",
                      help="when it wrote a new lock, install it (pip --require-hashes) into this environment")

    schedule = commands.add_parser("schedule", help="the publish workflow's schedule for a time zone",
                                   description="Prints the cron lines (UTC) that run the publish workflow just "
                                               "after local midnight in ZONE, all year.")
    schedule.add_argument("timezone", metavar="ZONE")

    responses = commands.add_parser(
        "import-responses", help="a form service's export into an outcome's responses file",
        description="Reads a form service's export (CSV, or XLSX where the service has no CSV) into the "
                    "outcome's responses file: section, submitter category, proposal and response id per row, "
                    "decision and reason left empty. Importing again merges by response id. Columns that "
                    "identify a person are never copied. See docs/form-services.md.")
    responses.add_argument("export", metavar="EXPORT", type=Path)
    responses.add_argument("--service", required=True, metavar="NAME",
                           help="limesurvey, kobotoolbox, formbricks, eusurvey, typeform, google_forms or "
                                "microsoft_forms")
    responses.add_argument("--outcome", required=True, type=Path, metavar="content/LANG/SLUG.md")
    responses.add_argument("--section-field", required=True, metavar="COLUMN",
                           help="the column (or question code) holding the section")
    responses.add_argument("--category-field", required=True, metavar="COLUMN",
                           help="the column (or question code) holding the submitter's category")
    responses.add_argument("--text-field", required=True, metavar="COLUMN",
                           help="the column (or question code) holding the proposal")
    responses.add_argument("--category-map", metavar="LABEL=category,...",
                           help="names of categories in the export beyond those the site shows")
    responses.add_argument("-s", "--settings", default="pelicanconf.py", type=Path)

    for name, what in EDITOR_SCRIPTS.items():
        commands.add_parser(name, add_help=False, help=f"{what}; `konsulta {name} --help`")
    return parser


def main(argv=None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader went away (`konsulta … | head`): what was asked for was read; say nothing more.
        # Python would print a traceback when it flushes stdout at exit, so stdout goes nowhere now.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in EDITOR_SCRIPTS:
        from .editor import run_script

        run_script(argv[0], argv[1:])  # ends the process with the script's status
        return 0
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    return COMMANDS[args.command](args)


def _init(args) -> int:
    from .init import InitError, check_choices, check_folder, next_steps, site_files, write_site
    from .source import engine_source

    try:
        choices = check_choices(args.title, args.languages, args.timezone)
        check_folder(args.folder)
    except InitError as error:
        print("konsulta init: " + str(error).replace("\n", "\nkonsulta init: "), file=sys.stderr)
        return 2
    engine = engine_source()
    write_site(args.folder, site_files(choices, engine))
    print(next_steps(args.folder, choices, engine))
    return 0


def _check(args) -> int:
    from .checks import check_output

    return check_output(args.output)


def _serve(args) -> int:
    from .serve import serve_and_rebuild

    return serve_and_rebuild(args.content, [args.settings, "publishconf.py"], args.output, args.port)


def _lock(args) -> int:
    import subprocess

    from .lock import SITE_LOCK, write_site_lock

    path = args.path or SITE_LOCK
    message = write_site_lock(path)
    if message:
        print(message, file=sys.stderr)
        if args.install:
            return subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--require-hashes", "-r",
                                   str(path)], check=False).returncode
    return 0


def _schedule(args) -> int:
    from .init import InitError, parse_timezone
    from .schedule import cron_lines

    try:
        zone = parse_timezone(args.timezone)
    except InitError as error:
        print(f"konsulta schedule: {error}", file=sys.stderr)
        return 2
    print("  schedule:")
    for line in cron_lines(zone):
        print(f'    - cron: "{line}"')
    return 0


def _import_responses(args) -> int:
    from pelican.settings import read_settings

    from konsulta_content.config import ConfigError

    from .responses import ResponsesImportError, import_responses

    if not args.settings.is_file():
        print(f"konsulta import-responses: {args.settings}: no such settings file (run it in the site's folder, "
              "or give --settings)", file=sys.stderr)
        return 2
    try:
        report = import_responses(args.export, args.service, args.outcome, section_field=args.section_field,
                                  category_field=args.category_field, text_field=args.text_field,
                                  category_map=args.category_map, settings=read_settings(str(args.settings)))
    except ResponsesImportError as error:
        print(f"konsulta import-responses: {error}", file=sys.stderr)
        return 1
    except ConfigError as error:
        print(error.code, file=sys.stderr)
        return 1
    print("\n".join(report.lines()))
    return 0


COMMANDS = {"init": _init, "check": _check, "serve": _serve, "lock": _lock, "schedule": _schedule,
            "import-responses": _import_responses}


if __name__ == "__main__":
    sys.exit(main())
