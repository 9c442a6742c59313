/** Tiny instance texts shared by the parser, format and CLI tests (line numbers are asserted). */
export const TINY_VRP = `NAME : tiny
TYPE : CVRP
DIMENSION : 4
EDGE_WEIGHT_TYPE : EUC_2D
CAPACITY : 10
NODE_COORD_SECTION
1 0 0
2 3 0
3 3 4
4 0 4
DEMAND_SECTION
1 0
2 4
3 4
4 4
DEPOT_SECTION
1
-1
EOF
`;

export const TINY_SOLOMON = `TINY

VEHICLE
NUMBER     CAPACITY
  2         10

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

    0      0          0          0          0        100          0
    1      3          0          4          0         50          1
    2      3          4          4         10         60          1
    3      0          4          4          0         80          1
`;
