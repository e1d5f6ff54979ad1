# A unit is imported by its name; the plan then fills in the other arguments from the resource block
# as an in-place update.
import {
  to = hybrid_unit.thumbnails
  id = "thumbnails"
}
