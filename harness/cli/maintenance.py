"""Commands that look after the machine: `images build` and `clean`."""

from typing import Annotated

import typer

from harness.cli.live import ConsoleHooks
from harness.cli.options import console, out
from harness.run.hooks import open_images
from harness.sandbox.docker_env import connect, remove_images, sweep

images_app = typer.Typer(no_args_is_help=True, help="Build the sandbox images.")


@images_app.command("build")
def images_build() -> None:
    """Build base, runtime and prober images if missing (tagged by recipe hash)."""
    images = open_images(ConsoleHooks(console))
    for tag, image_id in images.ids.items():
        out.print(f"{tag}  {image_id[:19]}  {'built' if tag in images.built else 'cached'}")


def clean(
    run_id: Annotated[str | None, typer.Option(help="Only this run's objects.")] = None,
    images: Annotated[bool, typer.Option("--images", help="Also remove images.")] = False,
) -> None:
    """Remove every container, network and volume labelled archbench (and images if asked)."""
    client = connect()
    swept = sweep(client, run_id)
    removed = remove_images(client) if images else 0
    out.print(
        f"removed {swept.containers} containers, {swept.networks} networks, "
        f"{swept.volumes} volumes, {removed} images"
    )
