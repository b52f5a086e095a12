# Terraform with reference cycles: locals, resources and modules that depend on each other.
locals {
  a = local.b
  b = local.c
  c = local.a
}

variable "db_password" {
  type      = string
  default   = "@@CANARY_PLAIN@@"
  sensitive = true
}

resource "aws_s3_bucket" "logs" {
  bucket     = aws_s3_bucket.audit.id
  depends_on = [aws_s3_bucket.audit]
}

resource "aws_s3_bucket" "audit" {
  bucket     = aws_s3_bucket.logs.id
  depends_on = [aws_s3_bucket.logs]
}

resource "aws_cloudtrail" "main" {
  name           = "${aws_cloudtrail.main.name}-${local.a}"
  s3_bucket_name = aws_s3_bucket.logs.id
  enable_logging = aws_cloudtrail.main.enable_logging
}

module "self" {
  source = "./"
  input  = module.self.output
}
