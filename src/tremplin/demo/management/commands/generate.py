"""Create large synthetic data for benchmarks."""

from django.core.management.base import BaseCommand

from tremplin.demo.synthetic import generate


class Command(BaseCommand):
    help = "Create synthetic organisations, people, experimentation sites and laureate projects."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, default=1, help="multiplier (1 = the real network's size)"
        )
        parser.add_argument("--seed", type=int, default=2019)

    def handle(self, *args, scale, seed, **options):
        counts = generate(scale=scale, seed=seed)
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))
