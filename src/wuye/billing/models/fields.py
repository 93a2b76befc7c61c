"""The shapes of the numbers billing stores: money in yuan to the cent, prices to four places,
percentages from 0 to 100."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator

MONEY = {"max_digits": 12, "decimal_places": 2}
PRICE = {"max_digits": 12, "decimal_places": 4}
PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]
