package dev.dynalog.core.model;

public enum BillingMode {
    PROVISIONED, PAY_PER_REQUEST
}
