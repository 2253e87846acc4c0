/** A user's program that parses an event stream with the ssekit parser alone, as a named module. */
package com.example.ssecore;
