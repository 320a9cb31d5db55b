"""The floor we measure `kb` against: a Typer app that prints one line."""

import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    """Print one line."""
    print(f"hello {name}")


if __name__ == "__main__":
    app()
