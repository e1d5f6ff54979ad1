variable "name" {
  type = string
}

variable "functions" {
  type = map(object({ timeout = number }))
}

resource "aws_apigatewayv2_api" "this" {
  name          = var.name
  protocol_type = "HTTP"
}

module "fn" {
  source   = "../fn"
  for_each = var.functions
  name     = "${var.name}-${each.key}"
  api_id   = aws_apigatewayv2_api.this.id
  timeout  = each.value.timeout
}
