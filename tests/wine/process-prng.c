/* For the tests under wine only, never shipped: Wine 8 lacks bcryptprimitives.dll, whose
   ProcessPrng Rust's standard library imports (real Windows 10 and 11 have it). This
   stand-in asks the older RtlGenRandom (SystemFunction036 in advapi32) for the bytes. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG part = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, part)) return FALSE;
        data += part;
        length -= part;
    }
    return TRUE;
}
