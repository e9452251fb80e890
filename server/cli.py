"""The `ctecr` command line: serve, import, token, schema."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from domain.clock import system_clock
from domain.loader import Loader, LoadFailed, LoadSummary
from domain.models import Role
from domain.repository import Store, open_store
from schema.root import build_schema

from .auth import issue_token
from .settings import Settings, UnsafeSettings

app = typer.Typer(help="CTE credit-insert change request service.", no_args_is_help=True)
console = Console(stderr=True)

SAMPLE_ROLES = [
    # (role, sub, name, LEA ids)
    (Role.LEA_USER, "lea-4235", "Mesa Unified CTE Coordinator", [4235]),
    (Role.LEA_USER, "lea-4406", "Tucson Unified CTE Coordinator", [4406]),
    (Role.LEA_USER, "lea-90871", "Desert Sky Prep Registrar", [90871]),
    (Role.LEA_USER, "lea-88301", "EVIT Data Specialist", [88301]),
    (Role.REVIEWER, "reviewer-1", "Riley Reviewer", []),
    (Role.ADMIN, "admin-1", "Alex Admin", []),
]
# Sample users' addresses are at example.org (RFC 2606), so no development mail reaches anyone.
SAMPLE_EMAIL_DOMAIN = "example.org"


def _settings() -> Settings:
    try:
        settings = Settings()
        settings.check()
    except UnsafeSettings as problem:
        console.print(f"[red]Refusing to start:[/red] {problem}")
        raise typer.Exit(2) from None
    return settings


def _token(
    settings: Settings, role: Role, sub: str, name: str, leas: list[int], email: str | None = None
) -> str:
    return issue_token(
        settings.jwt_secret.get_secret_value(),
        role=role,
        sub=sub,
        name=name,
        lea_ids=leas,
        email=email,
        lifetime=timedelta(hours=settings.token_hours),
    )


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    data: Annotated[
        Path | None,
        typer.Option(help="Folder of JSON Lines files to load at start instead of the sample set."),
    ] = None,
) -> None:
    """Serve GraphQL (and GraphiQL in development) on the configured store."""
    import uvicorn

    from .app import create_app, sample_data_dir
    from .mail import describe

    settings = _settings()
    embedded = not settings.mongodb_uri
    folder = data or (sample_data_dir() if embedded else None)
    # The embedded store lives in this process: load into the very store the app will use.
    # A real MongoDB is loaded through a client of its own (motor clients are bound to the
    # event loop that first uses them) and the app connects afresh.
    store = open_store(settings.mongodb_uri, settings.database)
    if folder is not None:
        _load(store, folder)
    application = create_app(settings, store=store if embedded else None)
    if not settings.production:
        _print_tokens(settings, host, port)
    console.print(describe(settings), soft_wrap=True)
    # log_config=None: uvicorn's loggers propagate to the JSON handler of server.logging.
    uvicorn.run(application, host=host, port=port, log_level="info", log_config=None)


def _print_tokens(settings: Settings, host: str, port: int) -> None:
    out = Console()
    out.print(f"\nGraphiQL: [bold]http://{host}:{port}/graphql[/bold]\n")
    out.print("Development tokens (send as the header  Authorization: Bearer <token>):")
    for role, sub, name, leas in SAMPLE_ROLES:
        label = f"{role}" + (f" of LEA {leas[0]}" if leas else "")
        out.print(f"\n[bold]{label}[/bold] ({name}):")
        email = f"{sub}@{SAMPLE_EMAIL_DOMAIN}"
        out.print(_token(settings, role, sub, name, leas, email), soft_wrap=True)
    out.print()


@app.command("import")
def import_(folder: Annotated[Path, typer.Argument(help="Folder of JSON Lines files.")]) -> None:
    """Load a folder of JSON Lines files into CTECR_MONGODB_URI (upsert by natural keys)."""
    settings = _settings()
    if not settings.mongodb_uri:
        console.print(
            "[yellow]CTECR_MONGODB_URI is not set: loading into a throwaway in-memory "
            "store, which only checks the files.[/yellow]"
        )
    _load(open_store(settings.mongodb_uri, settings.database), folder)


def _load(store: Store, folder: Path) -> None:
    """Load with a progress bar and a summary; exit non-zero on bad lines."""
    if not folder.is_dir():
        console.print(f"[red]{folder} is not a folder.[/red]")
        raise typer.Exit(2)
    summary = asyncio.run(_load_with_progress(store, folder))
    _print_summary(summary)


async def _load_with_progress(store: Store, folder: Path) -> LoadSummary:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        tasks: dict[str, int] = {}

        def report(file: str, done: int, total: int) -> None:
            if file not in tasks:
                tasks[file] = progress.add_task(file, total=total)
            progress.update(tasks[file], completed=done)

        try:
            await store.ensure_indexes()
            return await Loader(store, system_clock, report).load_folder(folder)
        except LoadFailed as failure:
            progress.stop()
            _print_summary(failure.summary)
            for error in failure.errors:
                console.print(f"[red]{error}[/red]")
            raise typer.Exit(1) from None
        except FileNotFoundError as problem:
            console.print(f"[red]{problem}[/red]")
            raise typer.Exit(2) from None


def _print_summary(summary: LoadSummary) -> None:
    table = Table(title="Loaded")
    kinds = ["inserted", "updated", "unchanged", "loaded", "rejected"]
    table.add_column("file")
    for kind in kinds:
        table.add_column(kind, justify="right")
    for file, counts in summary.counts.items():
        table.add_row(file, *(str(counts.get(kind, 0)) for kind in kinds))
    console.print(table)


@app.command()
def token(
    role: Annotated[Role, typer.Option(help="LEA_USER, REVIEWER or ADMIN.")],
    sub: Annotated[str, typer.Option(help="The user's id.")],
    name: Annotated[str, typer.Option(help="The user's name.")],
    lea: Annotated[list[int] | None, typer.Option(help="An LEA entity id (repeatable).")] = None,
    email: Annotated[str | None, typer.Option(help="The user's email address.")] = None,
) -> None:
    """Print a signed token (HS256 with CTECR_JWT_SECRET)."""
    print(_token(_settings(), role, sub, name, lea or [], email))


@app.command()
def schema() -> None:
    """Print the served schema as SDL."""
    print(build_schema().as_str())
