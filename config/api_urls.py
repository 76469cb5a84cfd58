"""The authenticated REST API and its OpenAPI schema."""

app_name = "api"
urlpatterns: list = []
