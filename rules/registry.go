package rules

// All returns every rule, in the order `hybridlint rules` lists them. Adding a rule means adding
// it here: there is no registration by side effect.
func All() []*Rule {
	return []*Rule{
		// AWS: time limits of the function and its callers (issue 2)
		LambdaTimeoutExceedsAPIGateway,
		LambdaTimeoutExceedsSQSVisibility,
		LambdaTimeoutNearLimit,

		// AWS rule pack (issue 3)
		LambdaTimeoutExceedsAppSync,
		LambdaTimeoutExceedsALB,
		LambdaEdgeLimits,
		SFNLambdaTaskTimeout,
		LambdaMemoryNearLimit,
		LambdaHeavyRuntimeLowMemory,
		ECSFargateInvalidSize,
		LambdaColdStartOnSyncPath,
		LambdaSnapStartMisconfigured,
		LambdaProvisionedConcurrencyUnpublished,
		KeepWarmIntervalTooLong,
		KeepWarmRedundant,
		LambdaRuntimeDeprecated,

		// AWS callers that give up first (issue 15)
		LambdaTimeoutExceedsCognitoTrigger,
		LambdaTimeoutExceedsConnect,
		LambdaTimeoutExceedsS3ObjectLambda,

		// Google Cloud (issue 4)
		GCPFunctionTimeoutLimit,
		GCPCallerDeadlineBelowTimeout,
		GCPMemoryCPUMismatch,
		GCPMemoryNearLimit,
		GCPColdStartOnSyncPath,

		// Azure (issue 4)
		AzureFunctionTimeoutExceedsPlan,
		AzureHTTPTimeoutAbove230s,
		AzureMemoryLowForRuntime,
		AzureColdStartNoWarmInstances,

		// Callers that give up first (issue 15)
		AzureCallerTimeoutBelowFunction,

		// Hybrid units (issue 5)
		HybridUnitDrift,
		HybridUnitKeepWarmMissing,

		// Economics (issue 7)
		LambdaProvisionedConcurrencyCost,
		FunctionContainerCheaper,
		FunctionKeepWarmCost,

		// Callers that give up first (issue 15)
		LambdaTimeoutExceedsLexFulfillment,
		LambdaTimeoutExceedsSESReceiptRule,

		// Evidence from production: --metrics (issue 14)
		FunctionObservedDurationNearLimit,
		FunctionObservedMemoryNearLimit,
		FunctionObservedColdStarts,
	}
}

// ByName returns the rule with that name, or nil.
func ByName(name string) *Rule {
	for _, r := range All() {
		if r.Name == name {
			return r
		}
	}
	return nil
}
