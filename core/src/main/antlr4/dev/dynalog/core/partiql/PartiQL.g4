/*
 * The subset of PartiQL that DynamoDB runs: SELECT, INSERT, UPDATE, DELETE and, inside
 * ExecuteTransaction, EXISTS. Keywords are case-insensitive; a double-quoted name is an
 * identifier and a single-quoted text is a string, as in PartiQL. What the grammar accepts but
 * DynamoDB refuses (an arithmetic operand in a condition, a function it does not know) is
 * refused by the compiler with DynamoDB's message, not here.
 */
grammar PartiQL;

options { caseInsensitive = true; }

statement
    : (select | insert | update | delete | exists) ';'? EOF
    ;

select
    : SELECT projection FROM target (WHERE condition)? (ORDER BY orderItem (',' orderItem)*)?
    ;

projection
    : '*'
    | path (',' path)*
    ;

target
    : identifier ('.' identifier)?
    ;

orderItem
    : path (ASC | DESC)?
    ;

insert
    : INSERT INTO target VALUE value returning?
    ;

update
    : UPDATE target updateClause+ (WHERE condition)? returning?
    ;

updateClause
    : SET setAction (',' setAction)*   # setClause
    | REMOVE path                      # removeClause
    ;

setAction
    : path '=' operand
    ;

delete
    : DELETE FROM target (WHERE condition)? returning?
    ;

returning
    : RETURNING (ALL | MODIFIED) (OLD | NEW) '*'
    ;

exists
    : EXISTS '(' select ')'
    ;

condition
    : '(' condition ')'                                               # parenthesized
    | NOT condition                                                   # not
    | condition AND condition                                         # and
    | condition OR condition                                          # or
    | operand comparator operand                                      # comparison
    | operand NOT? BETWEEN operand AND operand                        # between
    | operand NOT? IN ('[' (operand (',' operand)*)? ']' | '(' (operand (',' operand)*)? ')')  # in
    | operand IS NOT? (MISSING | NULL)                                # is
    | call                                                            # callCondition
    ;

comparator
    : '=' | '<>' | '!=' | '<' | '<=' | '>' | '>='
    ;

operand
    : operand ('+' | '-') operand   # arithmetic
    | call                          # callOperand
    | path                          # pathOperand
    | value                         # valueOperand
    ;

call
    : (IDENTIFIER | EXISTS) '(' (operand (',' operand)*)? ')'
    ;

path
    : identifier step*
    ;

step
    : '.' identifier     # field
    | '[' NUMBER ']'     # element
    | '[' STRING ']'     # key
    ;

value
    : STRING                                     # string
    | '-'? NUMBER                                # number
    | (TRUE | FALSE)                             # bool
    | NULL                                       # null
    | MISSING                                    # missing
    | '?'                                        # parameter
    | '[' (value (',' value)*)? ']'              # list
    | '{' (structKey ':' value (',' structKey ':' value)*)? '}'   # struct
    | '<<' (value (',' value)*)? '>>'            # bag
    ;

// Only a string names a member of a struct; anything else is refused with DynamoDB's message.
structKey
    : STRING | NUMBER | identifier
    ;

identifier
    : IDENTIFIER
    | QUOTED_IDENTIFIER
    | softKeyword
    ;

// Keywords that only mean something in one place, and may name an attribute elsewhere.
softKeyword
    : ASC | DESC | ALL | MODIFIED | OLD | NEW | VALUE | BY | RETURNING
    ;

SELECT: 'SELECT';
FROM: 'FROM';
WHERE: 'WHERE';
ORDER: 'ORDER';
BY: 'BY';
ASC: 'ASC';
DESC: 'DESC';
INSERT: 'INSERT';
INTO: 'INTO';
VALUE: 'VALUE';
UPDATE: 'UPDATE';
SET: 'SET';
REMOVE: 'REMOVE';
DELETE: 'DELETE';
RETURNING: 'RETURNING';
ALL: 'ALL';
MODIFIED: 'MODIFIED';
OLD: 'OLD';
NEW: 'NEW';
EXISTS: 'EXISTS';
AND: 'AND';
OR: 'OR';
NOT: 'NOT';
BETWEEN: 'BETWEEN';
IN: 'IN';
IS: 'IS';
MISSING: 'MISSING';
NULL: 'NULL';
TRUE: 'TRUE';
FALSE: 'FALSE';

NUMBER
    : DIGIT+ ('.' DIGIT*)? EXPONENT?
    | '.' DIGIT+ EXPONENT?
    ;

STRING
    : '\'' (~'\'' | '\'\'')* '\''
    ;

QUOTED_IDENTIFIER
    : '"' (~'"' | '""')* '"'
    ;

IDENTIFIER
    : [A-Z_] [A-Z_0-9]*
    ;

WHITESPACE
    : [ \t\r\n]+ -> skip
    ;

fragment DIGIT: [0-9];
fragment EXPONENT: 'E' [+-]? DIGIT+;
