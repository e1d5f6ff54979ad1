package cost

// Option is one way to run a workload, priced as a fixed monthly part plus a part per request.
// Every option hybridlint prices is linear in traffic, which is what makes break-even points exact.
type Option struct {
	// Name says what the option is ("aws_lambda on demand", "aws_fargate 1 task").
	Name  string
	parts []part
}

// part is one line of a bill: a price times a quantity that is partly fixed per month and partly
// proportional to requests. Quantities are in the price's unit (GB-seconds, million requests, ...).
type part struct {
	what       string
	price      Price
	fixed      float64
	perRequest float64
}

// Item is one line of an Estimate.
type Item struct {
	// What is being paid for ("duration", "requests", "provisioned capacity").
	What string
	// Quantity is in Price.Unit.
	Quantity float64
	Price    Price
	USD      float64
}

// Estimate is the monthly cost of an option at a given traffic.
type Estimate struct {
	Items []Item
	// USD is the total per 730-hour month.
	USD float64
}

// At prices the option for requestsPerMonth requests.
func (o Option) At(requestsPerMonth float64) Estimate {
	var e Estimate
	for _, p := range o.parts {
		q := p.fixed + p.perRequest*requestsPerMonth
		usd := q * p.price.USD
		e.Items = append(e.Items, Item{What: p.what, Quantity: q, Price: p.price, USD: usd})
		e.USD += usd
	}
	return e
}

// Curve returns the option's cost as a line: FixedUSD + USDPerRequest x requests.
func (o Option) Curve() Curve {
	var c Curve
	for _, p := range o.parts {
		c.FixedUSD += p.fixed * p.price.USD
		c.USDPerRequest += p.perRequest * p.price.USD
	}
	return c
}

// Plus combines two options into one that pays for both: on-demand traffic plus keep-warm pings,
// for example.
func (o Option) Plus(other Option) Option {
	parts := append(append([]part(nil), o.parts...), other.parts...)
	return Option{Name: o.Name + " + " + other.Name, parts: parts}
}

// Curve is a monthly cost as a function of requests per month.
type Curve struct {
	FixedUSD      float64
	USDPerRequest float64
}

// At returns the cost at requestsPerMonth.
func (c Curve) At(requestsPerMonth float64) float64 {
	return c.FixedUSD + c.USDPerRequest*requestsPerMonth
}
