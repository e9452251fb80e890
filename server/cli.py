"""The `ctecr` command line: serve, import, token, schema."""

from __future__ import annotations

import asyncio
import errno
import ipaddress
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from domain.clock import system_clock
from domain.loader import Loader, LoadFailed, LoadSummary
from domain.models import Role
from domain.repository import Store, open_store
from schema.root import build_schema

from .sample_users import SAMPLE_USERS, sample_token, signed_token
from .serving import bind_socket, uvicorn_options
from .settings import Settings, UnsafeSettings
from .trusted_documents import ManifestError

app = typer.Typer(help="CTE credit-insert change request service.", no_args_is_help=True)
console = Console(stderr=True)


def _settings() -> Settings:
    try:
        settings = Settings()
        settings.check()
    except ValidationError as error:
        for problem in error.errors():
            console.print(_setting_problem(problem), soft_wrap=True, markup=False)
        raise typer.Exit(2) from None
    except UnsafeSettings as problem:
        console.print(f"[red]Refusing to start:[/red] {problem}")
        raise typer.Exit(2) from None
    return settings


def _setting_problem(problem: dict) -> str:
    """One line naming the variable, what is wrong with it and the value given."""
    variable = "CTECR_" + "_".join(str(part) for part in problem["loc"][:1]).upper()
    return f"{variable}: {problem['msg']} (got {problem.get('input')!r})"


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    data: Annotated[
        Path | None,
        typer.Option(help="Folder of JSON Lines files to load at start instead of the sample set."),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Processes serving the port (a real MongoDB only).")
    ] = 1,
    allow_remote_development: Annotated[
        bool,
        typer.Option(
            help="In development, listen on a non-loopback interface although anyone can sign "
            "tokens with the published development secret."
        ),
    ] = False,
) -> None:
    """Serve GraphQL (and GraphiQL in development) on the configured store."""
    from .app import create_app, sample_data_dir
    from .mail import describe

    settings = _settings()
    if not settings.production and not is_loopback(host) and not allow_remote_development:
        console.print(
            f"[red]Refusing to listen on {host} in development:[/red] development tokens are "
            "signed with a published secret, so anyone who can reach this port can act as "
            "any user. Use CTECR_ENV=production with a secret of your own, or pass "
            "--allow-remote-development if this network is yours alone."
        )
        raise typer.Exit(2)
    _check_port(host, port)
    embedded = not settings.mongodb_uri
    _check_serving(settings, port, workers, embedded)
    folder = data or (sample_data_dir() if embedded else None)
    # The embedded store lives in this process: load into the very store the app will use.
    # A real MongoDB is loaded through a client of its own (motor clients are bound to the
    # event loop that first uses them) and the app connects afresh.
    # The app is built (and its manifest read) first, so that a bad one stops before loading.
    store = open_store(settings.mongodb_uri, settings.database)
    try:
        application = create_app(settings, store=store if embedded else None)
    except ManifestError as problem:
        console.print(f"[red]Refusing to start:[/red] {problem}")
        raise typer.Exit(2) from None
    if folder is not None:
        _load(store, folder)
    if not settings.production:
        _print_tokens(settings, host, port)
    console.print(describe(settings), soft_wrap=True)
    if workers == 1:
        _start_metrics(settings, None)
        run_server(application, host, port, settings)
    else:
        # Each worker builds its own app from the environment (uvicorn's factory) and
        # follows the event log itself; the metrics of all are summed here. The app built
        # above served to check the settings and the manifest before any worker starts.
        _start_metrics(settings, _multiprocess_dir())
        run_server(APP_FACTORY, host, port, settings, workers=workers)


APP_FACTORY = "server.app:create_app"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def _check_port(host: str, port: int) -> None:
    """Say at once, before anything is loaded or printed, that the port is taken."""
    try:
        bind_socket(host, port).close()
    except OSError as error:
        reason = "it is in use" if error.errno == errno.EADDRINUSE else error.strerror
        console.print(f"[red]Cannot listen on {host}:{port}:[/red] {reason}.")
        raise typer.Exit(2) from None


def _check_serving(settings: Settings, port: int, workers: int, embedded: bool) -> None:
    if settings.metrics_port == port:
        console.print("[red]CTECR_METRICS_PORT must differ from the public --port.[/red]")
        raise typer.Exit(2)
    if workers > 1 and embedded:
        console.print(
            "[red]--workers needs CTECR_MONGODB_URI: the embedded store lives in one "
            "process, so other workers would each see an empty store of their own.[/red]"
        )
        raise typer.Exit(2)


def _multiprocess_dir() -> str:
    """Where the workers write their metrics (PROMETHEUS_MULTIPROC_DIR, made if unset). It
    must be set before the workers start; the metric files of an earlier run are removed
    from it first, so that a restart starts at zero."""
    import os
    import tempfile

    folder = Path(os.environ.get("PROMETHEUS_MULTIPROC_DIR") or tempfile.mkdtemp(prefix="ctecr-"))
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.db"):
        old.unlink()
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)
    return str(folder)


def _start_metrics(settings: Settings, multiprocess_dir: str | None) -> None:
    if settings.metrics_port is None:
        return
    from .metrics import serve_metrics

    serve_metrics(settings.metrics_host, settings.metrics_port, multiprocess_dir)
    console.print(f"Metrics: http://{settings.metrics_host}:{settings.metrics_port}/metrics")


def run_server(application, host: str, port: int, settings: Settings, workers: int = 1) -> None:
    """uvicorn with the graceful shutdown of server.shutdown, in one process or `workers`;
    `settings` are those `serve` checked (its protocol options come from them)."""
    import uvicorn

    from .shutdown import GracefulServer, serve_workers

    # log_config=None: uvicorn's loggers propagate to the JSON handler of server.logging.
    config = uvicorn.Config(
        application,
        host=host,
        port=port,
        log_level="info",
        log_config=None,
        **uvicorn_options(settings),  # read deadlines, WebSocket compression (server/serving.py)
        factory=isinstance(application, str),
        workers=workers,
    )
    if workers == 1:
        GracefulServer(config).run()
    else:
        serve_workers(config)


def _print_tokens(settings: Settings, host: str, port: int) -> None:
    out = Console()
    out.print(f"\nWeb app: [bold]http://{host}:{port}/[/bold]")
    out.print(f"GraphiQL: [bold]http://{host}:{port}/graphql[/bold]\n")
    out.print("Development tokens (send as the header  Authorization: Bearer <token>):")
    for user in SAMPLE_USERS:
        label = f"{user.role}" + (f" of LEA {user.lea_ids[0]}" if user.lea_ids else "")
        out.print(f"\n[bold]{label}[/bold] ({user.name}):")
        out.print(sample_token(settings, user), soft_wrap=True)
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
    shown = ["inserted", "updated", "unchanged", "loaded", "recomputed", "rejected"]
    # Only the columns some file has, so that the table fits a narrow terminal.
    kinds = [k for k in shown if any(k in counts for counts in summary.counts.values())]
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
    settings = _settings()
    if not settings.development_tokens:
        console.print(
            "[red]Production with CTECR_OIDC_ISSUER accepts only the issuer's tokens:[/red] "
            "sign in through the identity provider instead."
        )
        raise typer.Exit(2)
    print(signed_token(settings, role, sub, name, lea or [], email))


@app.command()
def schema() -> None:
    """Print the served schema as SDL."""
    print(build_schema().as_str())
