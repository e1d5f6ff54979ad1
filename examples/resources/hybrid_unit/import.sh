# A unit is imported by its name. The next plan fills in the other arguments from the configuration
# as an in-place update.
terraform import hybrid_unit.thumbnails thumbnails
