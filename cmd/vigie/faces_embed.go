package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"io"

	"github.com/spf13/cobra"

	"vigie/sim/recognition"
)

// pipelineFlags are the options every recognition command takes.
type pipelineFlags struct {
	models  string
	threads int
}

func (f *pipelineFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.models, "models", "", "models folder (default: $VIGIE_MODELS, else beside vigie or in the data directory: see vigie --help)")
	cmd.Flags().IntVar(&f.threads, "threads", 0, "ONNX Runtime threads per operator (0: all cores)")
}

func (f *pipelineFlags) open() (*recognition.Pipeline, error) {
	if f.threads < 0 {
		return nil, badInput(fmt.Errorf("--threads %d: must be 0 (all cores) or more", f.threads))
	}
	p, err := recognition.Open(f.models, recognition.Options{IntraOpThreads: f.threads})
	if err != nil {
		return nil, err
	}
	if p.FaceNets == nil {
		p.Close()
		return nil, badInput(errors.New("the detector models are missing from the models folder: run `make models`"))
	}
	return p, nil
}

// faceJSON is one face of `vigie faces embed --json`.
type faceJSON struct {
	Box        [4]float64   `json:"box"` // x, y, width, height in pixels
	Score      float64      `json:"score"`
	Landmarks  [][2]float64 `json:"landmarks"`
	Descriptor []float32    `json:"descriptor"`
}

// imageJSON is one line of `vigie faces embed --json`.
type imageJSON struct {
	File   string     `json:"file"`
	Width  int        `json:"width"`
	Height int        `json:"height"`
	Faces  []faceJSON `json:"faces"`
}

func init() {
	facesCmd.AddCommand(newFacesEmbedCmd(), newFacesCompareCmd())
}

func newFacesEmbedCmd() *cobra.Command {
	var pf pipelineFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "embed IMAGE...",
		Short: "Detect every face in JPEG/PNG images and print its box, landmarks and 128-d descriptor",
		Long: "Runs the recognition pipeline (SsdMobilenetv1, FaceLandmark68Net, alignment, FaceRecognitionNet)\n" +
			"on each image. With --json, prints one JSON object per image and line:\n" +
			`{"file","width","height","faces":[{"box":[x,y,w,h],"score","landmarks":[[x,y] x68],"descriptor":[128]}]}` + "\n" +
			"An image without a face gives an empty faces list.",
		Args: inputArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := pf.open()
			if err != nil {
				return err
			}
			defer p.Close()
			for _, file := range args {
				res, err := embedFile(p, file)
				if err != nil {
					return err
				}
				if err := printEmbed(cmd.OutOrStdout(), res, asJSON); err != nil {
					return err
				}
			}
			return nil
		},
	}
	pf.register(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object per image and line")
	return cmd
}

// decodeImage reads an image file; failures are the user's input. The
// header's declared size is checked before decoding (no decompression bomb)
// and only a regular file is opened (a FIFO would block).
func decodeImage(file string) (image.Image, error) {
	img, err := recognition.DecodeFile(file)
	if errors.Is(err, recognition.ErrImageTooLarge) {
		return nil, badInput(fmt.Errorf("%s: %w", file, err))
	}
	if err != nil {
		return nil, badInput(fmt.Errorf("%s: not a decodable image (allowed: JPEG or PNG, at most %d megapixels and %d pixels a side): %w",
			file, recognition.MaxImagePixels/1_000_000, recognition.MaxImageSide, err))
	}
	return img, nil
}

// embedFile runs the whole pipeline on one image file.
func embedFile(p *recognition.Pipeline, file string) (imageJSON, error) {
	img, err := decodeImage(file)
	if err != nil {
		return imageJSON{}, err
	}
	b := img.Bounds()
	res := imageJSON{File: file, Width: b.Dx(), Height: b.Dy(), Faces: []faceJSON{}}
	dets, err := p.Detect(img)
	if err != nil {
		return res, fmt.Errorf("%s: %w", file, err)
	}
	chips := make([]*image.RGBA, len(dets))
	for i, d := range dets {
		lm, err := p.Landmarks(img, d)
		if err != nil {
			return res, fmt.Errorf("%s: %w", file, err)
		}
		chips[i] = recognition.AlignDetected(img, d, lm)
		f := faceJSON{Box: [4]float64{d.Box.X, d.Box.Y, d.Box.W, d.Box.H}, Score: d.Score}
		for _, pt := range lm {
			f.Landmarks = append(f.Landmarks, [2]float64{pt.X, pt.Y})
		}
		res.Faces = append(res.Faces, f)
	}
	descs, err := p.Embed(chips)
	if err != nil {
		return res, fmt.Errorf("%s: %w", file, err)
	}
	for i := range descs {
		res.Faces[i].Descriptor = descs[i][:]
	}
	return res, nil
}

func printEmbed(w io.Writer, r imageJSON, asJSON bool) error {
	if asJSON {
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	fmt.Fprintf(w, "%s: %dx%d, %d face(s)\n", r.File, r.Width, r.Height, len(r.Faces))
	for i, f := range r.Faces {
		fmt.Fprintf(w, "  face %d: box %.0f,%.0f %.0fx%.0f score %.3f descriptor [%.4f %.4f %.4f ...]\n",
			i, f.Box[0], f.Box[1], f.Box[2], f.Box[3], f.Score, f.Descriptor[0], f.Descriptor[1], f.Descriptor[2])
	}
	return nil
}

func newFacesCompareCmd() *cobra.Command {
	var pf pipelineFlags
	var threshold float64
	cmd := &cobra.Command{
		Use:   "compare A B",
		Short: "Compare the most confident face of two images: Euclidean distance and same/different",
		Args:  inputArgs(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !(threshold > 0) {
				return badInput(fmt.Errorf("--threshold %g: must be a positive distance (face-api uses 0.6)", threshold))
			}
			p, err := pf.open()
			if err != nil {
				return err
			}
			defer p.Close()
			var d [2][recognition.DescriptorDim]float32
			for i, file := range args {
				res, err := embedFile(p, file)
				if err != nil {
					return err
				}
				if len(res.Faces) == 0 {
					return badInput(fmt.Errorf("%s: no face found", file))
				}
				copy(d[i][:], res.Faces[0].Descriptor) // Detect sorts by score
			}
			dist := recognition.Distance(d[0], d[1])
			verdict := "different"
			if float64(dist) < threshold {
				verdict = "same"
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "distance %.4f: %s (threshold %g)\n", dist, verdict, threshold)
			return err
		},
	}
	pf.register(cmd)
	cmd.Flags().Float64Var(&threshold, "threshold", recognition.DefaultThreshold, "distance below which two faces are the same person")
	return cmd
}
