package cost

import (
	"errors"
	"fmt"
	"math"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

// Workload is the traffic a function is expected to serve.
type Workload struct {
	RequestsPerMonth float64
	AvgDurationMs    float64
	// PeakConcurrency is the most invocations in flight at once; 0 when not known, and the
	// average concurrency stands in for it.
	PeakConcurrency int
}

// AverageConcurrency is the invocations in flight on average (Little's law: arrivals per second
// times seconds per request) over a 730-hour month.
func (w Workload) AverageConcurrency() float64 {
	return averageConcurrency(w.RequestsPerMonth, w.AvgDurationMs)
}

func averageConcurrency(requests, avgMs float64) float64 {
	return requests * avgMs / 1000 / platform.SecondsPerMonth
}

// ConcurrencyAt returns how many instances the workload keeps busy at its peak when the traffic is
// requests a month instead of RequestsPerMonth: the expected peak, scaled with the traffic so the
// ratio of peak to average stays as it is; at least 1.
func (w Workload) ConcurrencyAt(requests float64) int {
	ratio := 1.0
	if avg := w.AverageConcurrency(); w.PeakConcurrency > 0 && avg > 0 {
		ratio = math.Max(1, float64(w.PeakConcurrency)/avg)
	}
	k := math.Ceil(averageConcurrency(requests, w.AvgDurationMs)*ratio - 1e-9)
	if w.AverageConcurrency() <= 0 && requests == w.RequestsPerMonth {
		k = math.Max(k, float64(w.PeakConcurrency))
	}
	if k > math.MaxInt32 || math.IsNaN(k) {
		return math.MaxInt32
	}
	return max(1, int(k))
}

// Configured is what a plan already sets up to keep a function warm.
type Configured struct {
	// PingsPerMonth and PingConcurrency describe the keep-warm pings the plan schedules; both 0
	// when it schedules none.
	PingsPerMonth   float64
	PingConcurrency int
	// Provisioned is the provisioned concurrency (Lambda) or always-ready instances (Azure Flex
	// and Premium) the plan configures; 0 when none.
	Provisioned int
	// IdlePingsPerMonth is the pings a month of a schedule that pings once per idle window, used to
	// price keep-warm for a function the plan does not ping.
	IdlePingsPerMonth float64
}

// Kind is one way to run a function.
type Kind int

// The four ways the cost model prices.
const (
	OnDemand Kind = iota
	KeptWarm
	ProvisionedCapacity
	AlwaysOnContainer
)

// Kinds lists every Kind in the order reports show them.
func Kinds() []Kind { return []Kind{OnDemand, KeptWarm, ProvisionedCapacity, AlwaysOnContainer} }

func (k Kind) String() string {
	switch k {
	case OnDemand:
		return "on demand"
	case KeptWarm:
		return "with keep-warm"
	case ProvisionedCapacity:
		return "with provisioned concurrency"
	case AlwaysOnContainer:
		return "as a container"
	}
	return "unknown"
}

// Priced is an option priced at one traffic level.
type Priced struct {
	Kind     Kind
	Estimate Estimate
	// Basis says how the option was sized: "8760 pings x 3 a month", "20 instances",
	// "2 x aws_fargate 0.5 vCPU / 1 GB".
	Basis string
	// Container is the container's size, for AlwaysOnContainer.
	Container ContainerSize
	// Instances is the provisioned or always-ready instance count, for ProvisionedCapacity.
	Instances int
	// SizedToPeak is true for the provisioned option sized to the expected peak when the plan
	// provisions fewer instances (PeakSized); false for every option as the plan declares it.
	SizedToPeak bool
}

// Comparison prices one function's four options at any traffic. Options a platform does not have
// (keep-warm on a Premium plan, provisioned capacity on Google Cloud) report why through Err.
type Comparison struct {
	Function   Function
	Workload   Workload
	Configured Configured
	prices     Prices
	onDemand   Option
	containers map[int]containerChoice
	fast       *lines
}

// lines are the options reduced to arithmetic, for USD: searching break-even points and drawing
// charts prices hundreds of traffic levels, and building estimates for each would be slow.
type lines struct {
	errs        [4]error
	onDemand    Curve
	perPing     float64 // one ping to one instance
	provisioned Curve   // one instance
	shapes      []shapeUSD
}

// shapeUSD is a container size: how many function instances one holds, and its monthly price.
type shapeUSD struct {
	perInstance int
	usd         float64
}

type containerChoice struct {
	option Option
	size   ContainerSize
	err    error
}

// Compare prepares the comparison of fn's options for workload w. It fails only when the function
// itself cannot be priced (a size the platform does not run, an unknown platform).
func (p Prices) Compare(fn Function, w Workload, c Configured) (*Comparison, error) {
	if badNumber(w.RequestsPerMonth) || w.RequestsPerMonth < 0 {
		return nil, fmt.Errorf("requests per month %g: use 0 or more", w.RequestsPerMonth)
	}
	od, err := p.OnDemandFor(fn, w.AvgDurationMs)
	if err != nil {
		return nil, err
	}
	return &Comparison{Function: fn, Workload: w, Configured: c, prices: p, onDemand: od,
		containers: map[int]containerChoice{}}, nil
}

// Err says why an option cannot be priced for this function, or nil when it can.
func (c *Comparison) Err(k Kind) error {
	if k < OnDemand || k > AlwaysOnContainer {
		return fmt.Errorf("unknown option %d", k)
	}
	return c.lines().errs[k]
}

// Expected prices an option at the expected traffic.
func (c *Comparison) Expected(k Kind) (Priced, error) {
	return c.At(k, c.Workload.RequestsPerMonth)
}

// At prices an option at requests a month. Capacity that must keep up with traffic (keep-warm
// concurrency, provisioned instances, container instances) grows with it (Workload.ConcurrencyAt),
// never below what the plan configures.
func (c *Comparison) At(k Kind, requests float64) (Priced, error) {
	p, fn := c.prices, c.Function
	need := c.Workload.ConcurrencyAt(requests)
	switch k {
	case OnDemand:
		return Priced{Kind: k, Estimate: c.onDemand.At(requests), Basis: "per request"}, nil
	case KeptWarm:
		pings, concurrency := c.pings(need)
		billedMs, ok := MinimumBilledMillis(fn.Platform)
		if !ok && fn.Platform != platform.AzureFunctionsPremium {
			return Priced{Kind: k}, fmt.Errorf("no source gives the shortest duration %s bills, so pings cannot be priced", fn.Platform)
		}
		if pings <= 0 {
			return Priced{Kind: k}, errors.New("no keep-warm schedule to price")
		}
		kw, err := p.KeepWarmFor(fn, pings, concurrency, billedMs)
		if err != nil {
			return Priced{Kind: k}, err
		}
		return Priced{Kind: k, Estimate: c.onDemand.Plus(kw).At(requests),
			Basis: fmt.Sprintf("%s pings x %d a month", FormatCount(pings), concurrency)}, nil
	case ProvisionedCapacity:
		return c.provisioned(c.provisionedInstances(need), requests, false)
	case AlwaysOnContainer:
		hold := c.containerCapacity(need)
		cc, ok := c.containers[hold]
		if !ok {
			cc.option, cc.size, cc.err = p.ContainerFor(fn, hold)
			c.containers[hold] = cc
		}
		if cc.err != nil {
			return Priced{Kind: k}, cc.err
		}
		return Priced{Kind: k, Estimate: cc.option.At(requests), Container: cc.size, Basis: cc.size.String()}, nil
	}
	return Priced{}, fmt.Errorf("unknown option %d", k)
}

// provisioned prices instances of provisioned capacity at requests a month. Requests beyond what
// the instances serve when busy all month (instances x seconds in a month / average duration)
// overflow to on-demand instances and are billed on demand, as AWS and Azure Flex bill them: the
// overflow is a lower bound, since traffic that is not steady overflows sooner. A Premium plan
// scales out its own instances, so nothing overflows.
func (c *Comparison) provisioned(instances int, requests float64, sizedToPeak bool) (Priced, error) {
	fn := c.Function
	o, err := c.prices.ProvisionedFor(fn, instances, c.Workload.AvgDurationMs)
	if err != nil {
		return Priced{Kind: ProvisionedCapacity}, err
	}
	served, overflow := c.overflow(instances, requests)
	e := o.At(served)
	basis := countOf(instances, "instance")
	if sizedToPeak {
		basis += fmt.Sprintf(", sized to the expected peak instead of the planned %d", c.Configured.Provisioned)
	}
	if overflow > 0 {
		od := c.onDemand.At(overflow)
		for _, it := range od.Items {
			it.What = "overflow " + it.What
			e.Items = append(e.Items, it)
		}
		e.USD += od.USD
		basis += fmt.Sprintf("; %s requests a month above their capacity billed on demand", FormatRequests(overflow))
	}
	return Priced{Kind: ProvisionedCapacity, Estimate: e, Instances: instances, Basis: basis, SizedToPeak: sizedToPeak}, nil
}

// overflow splits requests a month between provisioned instances and on-demand overflow.
func (c *Comparison) overflow(instances int, requests float64) (served, overflow float64) {
	if c.Function.Platform == platform.AzureFunctionsPremium || c.Workload.AvgDurationMs <= 0 {
		return requests, 0
	}
	capacity := float64(instances) * platform.SecondsPerMonth * 1000 / c.Workload.AvgDurationMs
	if requests <= capacity*(1+1e-9) {
		return requests, 0
	}
	return capacity, requests - capacity
}

// PeakSized prices provisioned capacity sized to the expected peak, when the plan provisions fewer
// instances than the peak keeps busy: the row a report shows beside the option as planned, so a
// recommendation sized differently says so. False when the plan provisions nothing, provisions
// enough, or runs on a Premium plan (whose instances scale out by themselves).
func (c *Comparison) PeakSized(requests float64) (Priced, bool) {
	need := c.Workload.ConcurrencyAt(requests)
	planned := c.Configured.Provisioned
	if planned <= 0 || need <= planned || c.Function.Platform == platform.AzureFunctionsPremium || c.Err(ProvisionedCapacity) != nil {
		return Priced{}, false
	}
	p, err := c.provisioned(need, requests, true)
	return p, err == nil
}

// Rows prices every option at the expected traffic in the order reports show them: on demand,
// kept warm, provisioned as planned, provisioned sized to the peak (when that differs), the
// container. An option that cannot be priced is a row with its error. The rules, the cost report
// and the provider quote these rows, so a figure for a function is computed once.
func (c *Comparison) Rows() []Row {
	var out []Row
	for _, k := range Kinds() {
		p, err := c.Expected(k)
		out = append(out, Row{Priced: p, Err: err})
		if k == ProvisionedCapacity && err == nil {
			if peak, ok := c.PeakSized(c.Workload.RequestsPerMonth); ok {
				out = append(out, Row{Priced: peak})
			}
		}
	}
	return out
}

// Row is one option of Rows: priced, or with the reason it cannot be.
type Row struct {
	Priced
	Err error
}

// pings returns the keep-warm pings a month and how many instances each warms: the plan's, or
// else one per idle window to as many instances as are busy at peak or provisioned.
func (c *Comparison) pings(need int) (float64, int) {
	if c.Configured.PingsPerMonth > 0 && c.Configured.PingConcurrency >= 1 {
		return c.Configured.PingsPerMonth, c.Configured.PingConcurrency
	}
	return c.Configured.IdlePingsPerMonth, max(need, c.Configured.Provisioned)
}

// provisionedInstances is the capacity to provision: what the plan provisions, as planned; when it
// provisions none, as many instances as are busy at peak or kept warm by pings. A Premium plan
// runs at least one instance anyway.
func (c *Comparison) provisionedInstances(need int) int {
	switch {
	case c.Function.Platform == platform.AzureFunctionsPremium:
		return max(c.Configured.Provisioned, 1)
	case c.Configured.Provisioned > 0:
		return c.Configured.Provisioned
	}
	return max(need, c.Configured.PingConcurrency)
}

// containerCapacity is how many function instances the container must hold at once: as many as
// the expected traffic keeps busy at peak; without expected traffic, as many as the plan keeps
// warm (provisioned or pinged). Every finding and report sizes a function's container here, so
// one sizing stands for the function.
func (c *Comparison) containerCapacity(need int) int {
	if c.Workload.RequestsPerMonth > 0 && c.Workload.AvgDurationMs > 0 {
		return need
	}
	return max(need, c.Configured.Provisioned, c.Configured.PingConcurrency)
}

// USD is the monthly total of an option at requests a month, and false when it cannot be priced.
// It is the total of At, computed from lines prepared once.
func (c *Comparison) USD(k Kind, requests float64) (float64, bool) {
	if k < OnDemand || k > AlwaysOnContainer {
		return 0, false
	}
	l := c.lines()
	if l.errs[k] != nil {
		return 0, false
	}
	need := c.Workload.ConcurrencyAt(requests)
	switch k {
	case KeptWarm:
		pings, concurrency := c.pings(need)
		return l.onDemand.At(requests) + pings*float64(concurrency)*l.perPing, true
	case ProvisionedCapacity:
		n := c.provisionedInstances(need)
		served, overflow := c.overflow(n, requests)
		return float64(n)*l.provisioned.FixedUSD + l.provisioned.USDPerRequest*served + l.onDemand.USDPerRequest*overflow, true
	case AlwaysOnContainer:
		best, hold := math.Inf(1), c.containerCapacity(need)
		for _, s := range l.shapes {
			best = math.Min(best, float64((hold+s.perInstance-1)/s.perInstance)*s.usd)
		}
		return best, true
	}
	return l.onDemand.At(requests), true
}

// lines prepares USD's arithmetic once: the options' errors at the expected traffic (they do not
// depend on traffic), the on-demand line, the price of one ping, of one provisioned instance and
// of one instance of each container size.
func (c *Comparison) lines() *lines {
	if c.fast != nil {
		return c.fast
	}
	l := &lines{onDemand: c.onDemand.Curve()}
	for _, k := range Kinds() {
		_, l.errs[k] = c.At(k, c.Workload.RequestsPerMonth)
	}
	p, fn := c.prices, c.Function
	if l.errs[KeptWarm] == nil {
		billedMs, _ := MinimumBilledMillis(fn.Platform)
		if one, err := p.KeepWarmFor(fn, 1, 1, billedMs); err == nil {
			l.perPing = one.Curve().FixedUSD
		}
	}
	if l.errs[ProvisionedCapacity] == nil {
		if one, err := p.ProvisionedFor(fn, 1, c.Workload.AvgDurationMs); err == nil {
			l.provisioned = one.Curve()
		}
	}
	if l.errs[AlwaysOnContainer] == nil {
		pl, _ := ContainerPlatform(fn.Platform)
		for _, s := range containerShapes(pl) {
			if per := s.capacity(fn.MemoryMB, fn.CPU()); per >= 1 {
				if one, err := p.Container(pl, s.vcpu, s.memoryMB, 1); err == nil {
					l.shapes = append(l.shapes, shapeUSD{perInstance: per, usd: one.Curve().FixedUSD})
				}
			}
		}
	}
	c.fast = l
	return l
}

// Traffic range searched for break-even points: 1 to 10^12 requests a month.
const (
	minSearchRequests = 1
	maxSearchRequests = 1e12
	samplesPerDecade  = 48
)

// BreakEven returns the traffic, in requests a month, at which options a and b first swap places
// as the cheaper one, searching from 1 to 10^12 requests a month; false when one stays cheaper
// throughout, or either cannot be priced. Capacity steps (one more container instance) make the
// costs step too, so the swap may happen at a step rather than where two lines cross.
func (c *Comparison) BreakEven(a, b Kind) (float64, bool) {
	diff := func(r float64) (float64, bool) {
		x, okA := c.USD(a, r)
		y, okB := c.USD(b, r)
		return x - y, okA && okB
	}
	lo := float64(minSearchRequests)
	d0, ok := diff(lo)
	if !ok {
		return 0, false
	}
	steps := int(math.Log10(maxSearchRequests/minSearchRequests) * samplesPerDecade)
	for i := 1; i <= steps; i++ {
		hi := minSearchRequests * math.Pow(10, float64(i)/samplesPerDecade)
		d, _ := diff(hi)
		if d0 != 0 && d != 0 && (d0 < 0) != (d < 0) {
			return bisect(diff, lo, hi, d0 < 0), true
		}
		if d0 == 0 {
			d0 = d
		}
		lo = hi
	}
	return 0, false
}

// bisect narrows a swap of sign between lo and hi to a ten-millionth of the traffic.
func bisect(diff func(float64) (float64, bool), lo, hi float64, negativeBelow bool) float64 {
	for hi-lo > hi*1e-7 {
		mid := (lo + hi) / 2
		if d, _ := diff(mid); (d < 0) == negativeBelow {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

// Recommendation is the option the cost model suggests at the expected traffic.
type Recommendation struct {
	Kind Kind
	// USD is its monthly cost; Versus and VersusUSD the best function option it was compared with
	// (equal to Kind and USD when the function option itself is recommended).
	USD       float64
	Versus    Kind
	VersusUSD float64
	// Reason says why, with the numbers.
	Reason string
	// SizedToPeak is true when Versus (or Kind) is provisioned capacity sized to the peak rather
	// than as the plan declares it.
	SizedToPeak bool
}

// Recommend picks how to run the function at the expected traffic. When the function must stay
// warm (the plan pings it or provisions capacity), the choice is between keep-warm, provisioned
// capacity and the container; otherwise between on demand and the container. The container is
// recommended only when it is cheaper by marginPercent or more, since moving work to one costs
// effort of its own.
func (c *Comparison) Recommend(marginPercent float64, warmNeeded bool) (Recommendation, bool) {
	candidates := []Kind{OnDemand}
	if warmNeeded {
		candidates = []Kind{KeptWarm, ProvisionedCapacity}
		if c.Function.Platform == platform.AzureFunctionsPremium {
			candidates = []Kind{OnDemand} // a Premium plan is always warm
		}
	}
	best, bestUSD, peak := Kind(-1), math.Inf(1), false
	for _, k := range candidates {
		if usd, ok := c.USD(k, c.Workload.RequestsPerMonth); ok && usd < bestUSD {
			best, bestUSD = k, usd
		}
		if k != ProvisionedCapacity {
			continue
		}
		if p, ok := c.PeakSized(c.Workload.RequestsPerMonth); ok && p.Estimate.USD < bestUSD {
			best, bestUSD, peak = k, p.Estimate.USD, true
		}
	}
	if best < 0 {
		best = OnDemand
		bestUSD, _ = c.USD(OnDemand, c.Workload.RequestsPerMonth)
	}
	name := best.String()
	if peak {
		name += " sized to the peak"
	}
	rec := Recommendation{Kind: best, USD: bestUSD, Versus: best, VersusUSD: bestUSD, Reason: FormatUSD(bestUSD) + " a month", SizedToPeak: peak}
	container, containerOK := c.USD(AlwaysOnContainer, c.Workload.RequestsPerMonth)
	if saving := Saving(bestUSD, container); containerOK && saving >= marginPercent {
		return Recommendation{Kind: AlwaysOnContainer, USD: container, Versus: best, VersusUSD: bestUSD,
			Reason: fmt.Sprintf("%s a month, %.0f%% less than %s %s", FormatUSD(container), saving, FormatUSD(bestUSD), name)}, true
	}
	other := ProvisionedCapacity
	if best == ProvisionedCapacity {
		other = KeptWarm
	}
	if usd, ok := c.USD(other, c.Workload.RequestsPerMonth); ok && warmNeeded && len(candidates) == 2 {
		rec.Reason = fmt.Sprintf("keeps it warm for %s a month, %s less than %s", FormatUSD(bestUSD), FormatUSD(usd-bestUSD), other)
		if peak {
			rec.Reason = fmt.Sprintf("keeps it warm for %s a month sized to the peak (%s), %s less than %s", FormatUSD(bestUSD),
				countOf(c.Workload.ConcurrencyAt(c.Workload.RequestsPerMonth), "instance"), FormatUSD(usd-bestUSD), other)
		}
	} else if containerOK {
		rec.Reason += "; the container would cost " + FormatUSD(container)
	}
	return rec, true
}

// countOf renders "1 instance", "3 instances".
func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Saving is how much cheaper than usd the alternative is, in percent of usd (negative when it
// costs more).
func Saving(usd, alternative float64) float64 {
	if usd <= 0 {
		if alternative <= 0 {
			return 0
		}
		return math.Inf(-1)
	}
	return (usd - alternative) / usd * 100
}
