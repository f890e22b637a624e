#include "textflag.h"

// func cpuHasAVX512() bool
TEXT ·cpuHasAVX512(SB), NOSPLIT, $0-1
	MOVB $0, ret+0(FP)
	// Leaf 1: ECX bit 27 (OSXSAVE) must be set to use XGETBV.
	MOVL $1, AX
	XORL CX, CX
	CPUID
	BTL  $27, CX
	JCC  done
	// XCR0 bits 1, 2 (SSE, AVX) and 5, 6, 7 (opmask, ZMM) enabled by the OS.
	XORL CX, CX
	XGETBV
	ANDL $0xe6, AX
	CMPL AX, $0xe6
	JNE  done
	// Leaf 7: EBX bit 16 is AVX512F.
	MOVL $7, AX
	XORL CX, CX
	CPUID
	BTL  $16, BX
	JCC  done
	MOVB $1, ret+0(FP)
done:
	RET

// func dotP4R32AVX512(gal, init, probe *float32, pstride, dim uintptr, out *float32)
// 4 probes x 2 panels (32 templates): out[i*32 + r] = init[r] + dot.
TEXT ·dotP4R32AVX512(SB), NOSPLIT, $0-48
	MOVQ gal+0(FP), SI
	MOVQ init+8(FP), R8
	MOVQ probe+16(FP), DI
	MOVQ pstride+24(FP), BX
	MOVQ dim+32(FP), CX
	MOVQ out+40(FP), DX
	SHLQ $2, BX            // probe stride in bytes
	MOVQ CX, AX
	SHLQ $6, AX            // panel size in bytes: dim * 16 * 4
	LEAQ (SI)(AX*1), R9    // second panel
	LEAQ (DI)(BX*1), R10   // probe 1
	LEAQ (R10)(BX*1), R11  // probe 2
	LEAQ (R11)(BX*1), R12  // probe 3
	VMOVUPS (R8), Z0
	VMOVUPS 64(R8), Z1
	VMOVAPS Z0, Z2
	VMOVAPS Z1, Z3
	VMOVAPS Z0, Z4
	VMOVAPS Z1, Z5
	VMOVAPS Z0, Z6
	VMOVAPS Z1, Z7
loop4:
	VMOVUPS      (SI), Z16
	VMOVUPS      (R9), Z17
	VBROADCASTSS (DI), Z18
	VBROADCASTSS (R10), Z19
	VBROADCASTSS (R11), Z20
	VBROADCASTSS (R12), Z21
	VFMADD231PS  Z18, Z16, Z0
	VFMADD231PS  Z18, Z17, Z1
	VFMADD231PS  Z19, Z16, Z2
	VFMADD231PS  Z19, Z17, Z3
	VFMADD231PS  Z20, Z16, Z4
	VFMADD231PS  Z20, Z17, Z5
	VFMADD231PS  Z21, Z16, Z6
	VFMADD231PS  Z21, Z17, Z7
	ADDQ $64, SI
	ADDQ $64, R9
	ADDQ $4, DI
	ADDQ $4, R10
	ADDQ $4, R11
	ADDQ $4, R12
	DECQ CX
	JNZ  loop4
	VMOVUPS Z0, (DX)
	VMOVUPS Z1, 64(DX)
	VMOVUPS Z2, 128(DX)
	VMOVUPS Z3, 192(DX)
	VMOVUPS Z4, 256(DX)
	VMOVUPS Z5, 320(DX)
	VMOVUPS Z6, 384(DX)
	VMOVUPS Z7, 448(DX)
	VZEROUPPER
	RET

// func dotP1R64AVX512(gal, init, probe *float32, dim uintptr, out *float32)
// 1 probe x 4 panels (64 templates): out[r] = init[r] + dot.
TEXT ·dotP1R64AVX512(SB), NOSPLIT, $0-40
	MOVQ gal+0(FP), SI
	MOVQ init+8(FP), R8
	MOVQ probe+16(FP), DI
	MOVQ dim+24(FP), CX
	MOVQ out+32(FP), DX
	MOVQ CX, AX
	SHLQ $6, AX
	LEAQ (SI)(AX*1), R9
	LEAQ (R9)(AX*1), R10
	LEAQ (R10)(AX*1), R11
	VMOVUPS (R8), Z0
	VMOVUPS 64(R8), Z1
	VMOVUPS 128(R8), Z2
	VMOVUPS 192(R8), Z3
loop1:
	VBROADCASTSS (DI), Z20
	VMOVUPS      (SI), Z16
	VMOVUPS      (R9), Z17
	VMOVUPS      (R10), Z18
	VMOVUPS      (R11), Z19
	VFMADD231PS  Z20, Z16, Z0
	VFMADD231PS  Z20, Z17, Z1
	VFMADD231PS  Z20, Z18, Z2
	VFMADD231PS  Z20, Z19, Z3
	ADDQ $64, SI
	ADDQ $64, R9
	ADDQ $64, R10
	ADDQ $64, R11
	ADDQ $4, DI
	DECQ CX
	JNZ  loop1
	VMOVUPS Z0, (DX)
	VMOVUPS Z1, 64(DX)
	VMOVUPS Z2, 128(DX)
	VMOVUPS Z3, 192(DX)
	VZEROUPPER
	RET
