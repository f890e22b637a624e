package audit

import (
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"vigie/sim/recognition"
)

// participationRatio is the number of directions a set of descriptors
// spreads in: (sum l)^2 / sum l^2 over the eigenvalues l of their
// covariance. It is 1 when they vary along one line and the dimension when
// they vary equally in every direction; photographed people's faces give
// about 11 on 22 faces (TestIdentityProbes). It is 0 for fewer than two
// descriptors.
func participationRatio(d [][recognition.DescriptorDim]float32) float64 {
	if len(d) < 2 {
		return 0
	}
	x := mat.NewDense(len(d), recognition.DescriptorDim, nil)
	for i := range d {
		for j, v := range d[i] {
			x.Set(i, j, float64(v))
		}
	}
	var cov mat.SymDense
	stat.CovarianceMatrix(&cov, x, nil)
	var eig mat.EigenSym
	if !eig.Factorize(&cov, false) {
		return 0
	}
	sum, sumSq := 0.0, 0.0
	for _, l := range eig.Values(nil) {
		sum += l
		sumSq += l * l
	}
	if sumSq == 0 {
		return 0
	}
	return sum * sum / sumSq
}
