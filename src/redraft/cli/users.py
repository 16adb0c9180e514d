"""`redraft user` and `redraft token`: accounts and API tokens."""

from __future__ import annotations

import typer

from redraft.cli.context import default_actor, transaction
from redraft.cli.output import FormatOption, OutputFormat, console, print_json
from redraft.features.users import service

user_app = typer.Typer(help="Users and their roles.", no_args_is_help=True)
token_app = typer.Typer(
    help="API tokens (sent as `Authorization: Bearer <token>`).", no_args_is_help=True
)


@user_app.command("create")
def create_user(
    name: str,
    role: str = typer.Option("editor", help="viewer, editor or admin"),
    password: str | None = typer.Option(
        None, help="Password for signing in to the web UI (at least 8 characters)."
    ),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Create a user."""
    with transaction() as session:
        user = service.create_user(
            session, name=name, role=role, password=password, actor=default_actor()
        )
        data = {"id": str(user.id), "name": user.name, "role": user.role}
    if fmt is OutputFormat.json:
        print_json(data)
    else:
        console.print(f"created {data['role']} {data['name']}", highlight=False)


@token_app.command("create")
def create_token(
    user: str = typer.Argument(..., help="The user the token acts as."),
    name: str = typer.Option("default", help="A label to recognise the token by."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Issue an API token; it is shown once and only its hash is stored."""
    with transaction() as session:
        issued = service.issue_token(
            session, service.get_user(session, user), name=name, actor=default_actor()
        )
        secret = issued.secret
    if fmt is OutputFormat.json:
        print_json({"user": user, "name": name, "token": secret})
    else:
        console.print(f"API token: {secret}", highlight=False, soft_wrap=True)
