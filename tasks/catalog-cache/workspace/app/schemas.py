"""Request and response bodies."""

from pydantic import BaseModel, ConfigDict, Field


class ProductIn(BaseModel):
    sku: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    category: str = Field(min_length=1, max_length=64)
    price_cents: int = Field(ge=0)
    stock: int = Field(default=0, ge=0)


class ProductPatch(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    category: str | None = Field(default=None, min_length=1, max_length=64)
    price_cents: int | None = Field(default=None, ge=0)
    stock: int | None = Field(default=None, ge=0)


class ProductOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    sku: str
    name: str
    category: str
    price_cents: int
    stock: int


class Pricing(BaseModel):
    list_price_cents: int
    discount_pct: int
    final_price_cents: int


class PricedProduct(ProductOut):
    pricing: Pricing


class Summary(BaseModel):
    category: str | None
    in_stock: bool | None
    product_count: int
    total_stock: int
    avg_price_cents: int | None
    min_price_cents: int | None
    max_price_cents: int | None


class WishlistIn(BaseModel):
    note: str = Field(default="", max_length=200)


class WishlistEntry(BaseModel):
    product_id: int
    name: str
    price_cents: int
    note: str


class Wishlist(BaseModel):
    user_id: str
    items: list[WishlistEntry]


class ErrorOut(BaseModel):
    detail: str
