//! The codes of Stripe's error object, as open enums: a decline is matched on a variant, and a
//! code Stripe adds later is `Unknown` with its text, never a failure.

/// An open enum of the codes below: each variant with its wire text, `Unknown(String)` for the
/// rest, and the `Display`/serde impls every open enum shares.
macro_rules! codes {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $wire:literal,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $(
                #[doc = concat!("`", $wire, "` on the wire.")]
                $variant,
            )*
            /// A code this version of the client does not know yet.
            Unknown(String),
        }

        impl $name {
            /// The code as Stripe writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        crate::open_enum_impls!($name);
    };
}

codes! {
    /// The error's `type`: which of Stripe's families of errors it belongs to.
    ErrorType {
        ApiError = "api_error",
        CardError = "card_error",
        IdempotencyError = "idempotency_error",
        InvalidRequestError = "invalid_request_error",
    }
}

codes! {
    /// The error's `code` (<https://docs.stripe.com/error-codes>): what went wrong, for errors a
    /// program can handle.
    ErrorCode {
        AccountClosed = "account_closed",
        AccountCountryInvalidAddress = "account_country_invalid_address",
        AccountErrorCountryChangeRequiresAdditionalSteps = "account_error_country_change_requires_additional_steps",
        AccountInformationMismatch = "account_information_mismatch",
        AccountInvalid = "account_invalid",
        AccountNumberInvalid = "account_number_invalid",
        AcssDebitSessionIncomplete = "acss_debit_session_incomplete",
        AlipayUpgradeRequired = "alipay_upgrade_required",
        AmountTooLarge = "amount_too_large",
        AmountTooSmall = "amount_too_small",
        ApiKeyExpired = "api_key_expired",
        ApplicationFeesNotAllowed = "application_fees_not_allowed",
        AuthenticationRequired = "authentication_required",
        BalanceInsufficient = "balance_insufficient",
        BalanceInvalidParameter = "balance_invalid_parameter",
        BankAccountBadRoutingNumbers = "bank_account_bad_routing_numbers",
        BankAccountDeclined = "bank_account_declined",
        BankAccountExists = "bank_account_exists",
        BankAccountRestricted = "bank_account_restricted",
        BankAccountUnusable = "bank_account_unusable",
        BankAccountUnverified = "bank_account_unverified",
        BankAccountVerificationFailed = "bank_account_verification_failed",
        BillingInvalidMandate = "billing_invalid_mandate",
        BitcoinUpgradeRequired = "bitcoin_upgrade_required",
        CaptureChargeAuthorizationExpired = "capture_charge_authorization_expired",
        CaptureUnauthorizedPayment = "capture_unauthorized_payment",
        CardDeclineRateLimitExceeded = "card_decline_rate_limit_exceeded",
        CardDeclined = "card_declined",
        CardholderPhoneNumberRequired = "cardholder_phone_number_required",
        ChargeAlreadyCaptured = "charge_already_captured",
        ChargeAlreadyRefunded = "charge_already_refunded",
        ChargeDisputed = "charge_disputed",
        ChargeExceedsSourceLimit = "charge_exceeds_source_limit",
        ChargeExceedsTransactionLimit = "charge_exceeds_transaction_limit",
        ChargeExpiredForCapture = "charge_expired_for_capture",
        ChargeInvalidParameter = "charge_invalid_parameter",
        ChargeNotRefundable = "charge_not_refundable",
        ClearingCodeUnsupported = "clearing_code_unsupported",
        CountryCodeInvalid = "country_code_invalid",
        CountryUnsupported = "country_unsupported",
        CouponExpired = "coupon_expired",
        CryptoOnrampConflictingDestinationCurrency = "crypto_onramp_conflicting_destination_currency",
        CryptoOnrampConflictingDestinationNetwork = "crypto_onramp_conflicting_destination_network",
        CryptoOnrampDisabled = "crypto_onramp_disabled",
        CryptoOnrampIncompleteDestinationCurrencyAndNetworkPair = "crypto_onramp_incomplete_destination_currency_and_network_pair",
        CryptoOnrampInvalidDestinationAmount = "crypto_onramp_invalid_destination_amount",
        CryptoOnrampInvalidDestinationCurrenciesAndNetworks = "crypto_onramp_invalid_destination_currencies_and_networks",
        CryptoOnrampInvalidDestinationCurrencyAndNetworkPair = "crypto_onramp_invalid_destination_currency_and_network_pair",
        CryptoOnrampInvalidSourceAmount = "crypto_onramp_invalid_source_amount",
        CryptoOnrampInvalidSourceDestinationPair = "crypto_onramp_invalid_source_destination_pair",
        CryptoOnrampMerchantNotProperlySetup = "crypto_onramp_merchant_not_properly_setup",
        CryptoOnrampMissingDestinationCurrency = "crypto_onramp_missing_destination_currency",
        CryptoOnrampMissingSourceCurrency = "crypto_onramp_missing_source_currency",
        CryptoOnrampNoWalletAddressToLock = "crypto_onramp_no_wallet_address_to_lock",
        CryptoOnrampUnsupportableCustomer = "crypto_onramp_unsupportable_customer",
        CryptoOnrampUnsupportedCountry = "crypto_onramp_unsupported_country",
        CryptoOnrampWalletAddressesNotAllNetworksSupported = "crypto_onramp_wallet_addresses_not_all_networks_supported",
        CustomerMaxPaymentMethods = "customer_max_payment_methods",
        CustomerMaxSubscriptions = "customer_max_subscriptions",
        CustomerTaxLocationInvalid = "customer_tax_location_invalid",
        DebitNotAuthorized = "debit_not_authorized",
        EmailInvalid = "email_invalid",
        ExpiredCard = "expired_card",
        FinancialConnectionsAccountInactive = "financial_connections_account_inactive",
        FinancialConnectionsNoSuccessfulTransactionRefresh = "financial_connections_no_successful_transaction_refresh",
        ForwardingApiInactive = "forwarding_api_inactive",
        ForwardingApiInvalidParameter = "forwarding_api_invalid_parameter",
        ForwardingApiUpstreamConnectionError = "forwarding_api_upstream_connection_error",
        ForwardingApiUpstreamConnectionTimeout = "forwarding_api_upstream_connection_timeout",
        IdempotencyKeyInUse = "idempotency_key_in_use",
        IncorrectAddress = "incorrect_address",
        IncorrectCvc = "incorrect_cvc",
        IncorrectNumber = "incorrect_number",
        IncorrectZip = "incorrect_zip",
        InstantPayoutsConfigDisabled = "instant_payouts_config_disabled",
        InstantPayoutsCurrencyDisabled = "instant_payouts_currency_disabled",
        InstantPayoutsLimitExceeded = "instant_payouts_limit_exceeded",
        InstantPayoutsUnsupported = "instant_payouts_unsupported",
        InsufficientFunds = "insufficient_funds",
        IntentInvalidState = "intent_invalid_state",
        IntentVerificationMethodMissing = "intent_verification_method_missing",
        InvalidCardType = "invalid_card_type",
        InvalidCharacters = "invalid_characters",
        InvalidChargeAmount = "invalid_charge_amount",
        InvalidCvc = "invalid_cvc",
        InvalidExpiryMonth = "invalid_expiry_month",
        InvalidExpiryYear = "invalid_expiry_year",
        InvalidNumber = "invalid_number",
        InvalidSourceUsage = "invalid_source_usage",
        InvalidTaxLocation = "invalid_tax_location",
        InvoiceNoCustomerLineItems = "invoice_no_customer_line_items",
        InvoiceNoPaymentMethodTypes = "invoice_no_payment_method_types",
        InvoiceNoSubscriptionLineItems = "invoice_no_subscription_line_items",
        InvoiceNotEditable = "invoice_not_editable",
        InvoiceOnBehalfOfNotEditable = "invoice_on_behalf_of_not_editable",
        InvoicePaymentIntentRequiresAction = "invoice_payment_intent_requires_action",
        InvoiceUpcomingNone = "invoice_upcoming_none",
        LivemodeMismatch = "livemode_mismatch",
        LockTimeout = "lock_timeout",
        Missing = "missing",
        NoAccount = "no_account",
        NotAllowedOnStandardAccount = "not_allowed_on_standard_account",
        OutOfInventory = "out_of_inventory",
        OwnershipDeclarationNotAllowed = "ownership_declaration_not_allowed",
        ParameterInvalidEmpty = "parameter_invalid_empty",
        ParameterInvalidInteger = "parameter_invalid_integer",
        ParameterInvalidStringBlank = "parameter_invalid_string_blank",
        ParameterInvalidStringEmpty = "parameter_invalid_string_empty",
        ParameterMissing = "parameter_missing",
        ParameterUnknown = "parameter_unknown",
        ParametersExclusive = "parameters_exclusive",
        PaymentIntentActionRequired = "payment_intent_action_required",
        PaymentIntentAuthenticationFailure = "payment_intent_authentication_failure",
        PaymentIntentIncompatiblePaymentMethod = "payment_intent_incompatible_payment_method",
        PaymentIntentInvalidParameter = "payment_intent_invalid_parameter",
        PaymentIntentKonbiniRejectedConfirmationNumber = "payment_intent_konbini_rejected_confirmation_number",
        PaymentIntentMandateInvalid = "payment_intent_mandate_invalid",
        PaymentIntentPaymentAttemptExpired = "payment_intent_payment_attempt_expired",
        PaymentIntentPaymentAttemptFailed = "payment_intent_payment_attempt_failed",
        PaymentIntentUnexpectedState = "payment_intent_unexpected_state",
        PaymentMethodBankAccountAlreadyVerified = "payment_method_bank_account_already_verified",
        PaymentMethodBankAccountBlocked = "payment_method_bank_account_blocked",
        PaymentMethodBillingDetailsAddressMissing = "payment_method_billing_details_address_missing",
        PaymentMethodConfigurationFailures = "payment_method_configuration_failures",
        PaymentMethodCurrencyMismatch = "payment_method_currency_mismatch",
        PaymentMethodCustomerDecline = "payment_method_customer_decline",
        PaymentMethodInvalidParameter = "payment_method_invalid_parameter",
        PaymentMethodInvalidParameterTestmode = "payment_method_invalid_parameter_testmode",
        PaymentMethodMicrodepositFailed = "payment_method_microdeposit_failed",
        PaymentMethodMicrodepositVerificationAmountsInvalid = "payment_method_microdeposit_verification_amounts_invalid",
        PaymentMethodMicrodepositVerificationAmountsMismatch = "payment_method_microdeposit_verification_amounts_mismatch",
        PaymentMethodMicrodepositVerificationAttemptsExceeded = "payment_method_microdeposit_verification_attempts_exceeded",
        PaymentMethodMicrodepositVerificationDescriptorCodeMismatch = "payment_method_microdeposit_verification_descriptor_code_mismatch",
        PaymentMethodMicrodepositVerificationTimeout = "payment_method_microdeposit_verification_timeout",
        PaymentMethodNotAvailable = "payment_method_not_available",
        PaymentMethodProviderDecline = "payment_method_provider_decline",
        PaymentMethodProviderTimeout = "payment_method_provider_timeout",
        PaymentMethodUnactivated = "payment_method_unactivated",
        PaymentMethodUnexpectedState = "payment_method_unexpected_state",
        PaymentMethodUnsupportedType = "payment_method_unsupported_type",
        PayoutReconciliationNotReady = "payout_reconciliation_not_ready",
        PayoutsLimitExceeded = "payouts_limit_exceeded",
        PayoutsNotAllowed = "payouts_not_allowed",
        PlatformAccountRequired = "platform_account_required",
        PlatformApiKeyExpired = "platform_api_key_expired",
        PostalCodeInvalid = "postal_code_invalid",
        ProcessingError = "processing_error",
        ProductInactive = "product_inactive",
        ProgressiveOnboardingLimitExceeded = "progressive_onboarding_limit_exceeded",
        RateLimit = "rate_limit",
        ReferToCustomer = "refer_to_customer",
        RefundDisputedPayment = "refund_disputed_payment",
        ResourceAlreadyExists = "resource_already_exists",
        ResourceMissing = "resource_missing",
        ReturnIntentAlreadyProcessed = "return_intent_already_processed",
        RoutingNumberInvalid = "routing_number_invalid",
        SecretKeyRequired = "secret_key_required",
        SepaUnsupportedAccount = "sepa_unsupported_account",
        SetupAttemptFailed = "setup_attempt_failed",
        SetupIntentAuthenticationFailure = "setup_intent_authentication_failure",
        SetupIntentInvalidParameter = "setup_intent_invalid_parameter",
        SetupIntentMandateInvalid = "setup_intent_mandate_invalid",
        SetupIntentSetupAttemptExpired = "setup_intent_setup_attempt_expired",
        SetupIntentUnexpectedState = "setup_intent_unexpected_state",
        ShippingAddressInvalid = "shipping_address_invalid",
        ShippingCalculationFailed = "shipping_calculation_failed",
        SkuInactive = "sku_inactive",
        StateUnsupported = "state_unsupported",
        StatusTransitionInvalid = "status_transition_invalid",
        StripeTaxInactive = "stripe_tax_inactive",
        TaxIdInvalid = "tax_id_invalid",
        TaxesCalculationFailed = "taxes_calculation_failed",
        TerminalLocationCountryUnsupported = "terminal_location_country_unsupported",
        TerminalReaderBusy = "terminal_reader_busy",
        TerminalReaderHardwareFault = "terminal_reader_hardware_fault",
        TerminalReaderInvalidLocationForPayment = "terminal_reader_invalid_location_for_payment",
        TerminalReaderOffline = "terminal_reader_offline",
        TerminalReaderTimeout = "terminal_reader_timeout",
        TestmodeChargesOnly = "testmode_charges_only",
        TlsVersionUnsupported = "tls_version_unsupported",
        TokenAlreadyUsed = "token_already_used",
        TokenCardNetworkInvalid = "token_card_network_invalid",
        TokenInUse = "token_in_use",
        TransferSourceBalanceParametersMismatch = "transfer_source_balance_parameters_mismatch",
        TransfersNotAllowed = "transfers_not_allowed",
        UrlInvalid = "url_invalid",
    }
}

codes! {
    /// The card issuer's reason for a decline (`decline_code`, <https://docs.stripe.com/declines/codes>).
    DeclineCode {
        ApproveWithId = "approve_with_id",
        AuthenticationRequired = "authentication_required",
        CallIssuer = "call_issuer",
        CardNotSupported = "card_not_supported",
        CardVelocityExceeded = "card_velocity_exceeded",
        CurrencyNotSupported = "currency_not_supported",
        DoNotHonor = "do_not_honor",
        DoNotTryAgain = "do_not_try_again",
        DuplicateTransaction = "duplicate_transaction",
        ExpiredCard = "expired_card",
        Fraudulent = "fraudulent",
        GenericDecline = "generic_decline",
        IncorrectCvc = "incorrect_cvc",
        IncorrectNumber = "incorrect_number",
        IncorrectPin = "incorrect_pin",
        IncorrectZip = "incorrect_zip",
        InsufficientFunds = "insufficient_funds",
        InvalidAccount = "invalid_account",
        InvalidAmount = "invalid_amount",
        InvalidCvc = "invalid_cvc",
        InvalidExpiryMonth = "invalid_expiry_month",
        InvalidExpiryYear = "invalid_expiry_year",
        InvalidNumber = "invalid_number",
        InvalidPin = "invalid_pin",
        IssuerNotAvailable = "issuer_not_available",
        LostCard = "lost_card",
        MerchantBlacklist = "merchant_blacklist",
        NewAccountInformationAvailable = "new_account_information_available",
        NoActionTaken = "no_action_taken",
        NotPermitted = "not_permitted",
        OfflinePinRequired = "offline_pin_required",
        OnlineOrOfflinePinRequired = "online_or_offline_pin_required",
        PickupCard = "pickup_card",
        PinTryExceeded = "pin_try_exceeded",
        ProcessingError = "processing_error",
        ReenterTransaction = "reenter_transaction",
        RestrictedCard = "restricted_card",
        RevocationOfAllAuthorizations = "revocation_of_all_authorizations",
        RevocationOfAuthorization = "revocation_of_authorization",
        SecurityViolation = "security_violation",
        ServiceNotAllowed = "service_not_allowed",
        StolenCard = "stolen_card",
        StopPaymentOrder = "stop_payment_order",
        TestmodeDecline = "testmode_decline",
        TransactionNotAllowed = "transaction_not_allowed",
        TryAgainLater = "try_again_later",
        WithdrawalCountLimitExceeded = "withdrawal_count_limit_exceeded",
    }
}

codes! {
    /// How to proceed after an issuer's decline (`advice_code`,
    /// <https://docs.stripe.com/declines#retrying-issuer-declines>).
    AdviceCode {
        ConfirmCardData = "confirm_card_data",
        DoNotTryAgain = "do_not_try_again",
        TryAgainLater = "try_again_later",
    }
}
